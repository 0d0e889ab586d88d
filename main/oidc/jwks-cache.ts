// The IdP's signing keys (JWKS), fetched through the flow engine's HTTP client (timeout, size cap,
// no redirects followed) and kept per issuer, so a second flow against the same IdP needs no fetch.
// `refresh` forces a new fetch: the validator asks for one when a token names a `kid` the cached set
// lacks (the IdP rotated its keys), and only once per token. A kept set older than `maxAgeMs` is
// fetched again too, so a key the IdP withdrew does not keep verifying tokens for the whole session.
import type { JSONWebKeySet } from 'jose';
import { JWKS_ENDPOINT } from '../flow/http-errors';
import { sendHttpRequest, TransportFailure, type SendOptions } from '../flow/token-client';

export interface JwksEntry {
  url: string;
  jwks: JSONWebKeySet;
  fetchedAt: Date;
}

export type JwksOutcome =
  | { ok: true; entry: JwksEntry; fetched: boolean; note: string }
  /** `reason` completes "the JWKS could not be used: …". */
  | { ok: false; reason: string; note: string };

export interface JwksCacheOptions extends Pick<SendOptions, 'fetchImpl' | 'timeoutMs' | 'maxResponseBytes'> {
  now?: () => Date;
  /** Default 10 min. */
  maxAgeMs?: number;
}

export const DEFAULT_JWKS_MAX_AGE_MS = 10 * 60_000;

export class JwksCache {
  private readonly entries = new Map<string, JwksEntry>();
  private readonly options: JwksCacheOptions;

  constructor(options: JwksCacheOptions = {}) {
    this.options = options;
  }

  /** The key set for `issuer` (or, unknown issuer, for the URL itself) from `url`, cached unless `refresh`. */
  async get(issuer: string, url: string, options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<JwksOutcome> {
    const key = issuer !== '' ? issuer : url;
    const cached = this.entries.get(key);
    const age = (this.options.now?.() ?? new Date()).getTime() - (cached?.fetchedAt.getTime() ?? 0);
    if (cached && cached.url === url && options.refresh !== true && age < (this.options.maxAgeMs ?? DEFAULT_JWKS_MAX_AGE_MS)) {
      return { ok: true, entry: cached, fetched: false, note: `JWKS from ${url}, fetched at ${cached.fetchedAt.toISOString()} (cached for this issuer).` };
    }
    const outcome = await fetchJwks(url, { ...this.options, signal: options.signal });
    if (outcome.ok) this.entries.set(key, outcome.entry);
    return outcome;
  }
}

async function fetchJwks(url: string, options: JwksCacheOptions & { signal?: AbortSignal }): Promise<JwksOutcome> {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    const reason = `the JWKS URI ${JSON.stringify(url)} is not an absolute http(s) URL`;
    return { ok: false, reason, note: `No JWKS: ${reason}.` };
  }
  let answer;
  try {
    answer = await sendHttpRequest({ url, method: 'GET', headers: { accept: 'application/jwk-set+json, application/json' } }, options, JWKS_ENDPOINT);
  } catch (err) {
    const detail = err instanceof TransportFailure ? `${err.flowError.kind}: ${err.flowError.raw ?? err.flowError.message}` : String(err);
    const reason = `fetching ${url} failed (${detail})`;
    return { ok: false, reason, note: `The JWKS could not be fetched: ${reason}.` };
  }
  const fail = (why: string): JwksOutcome => {
    const reason = `${url} answered HTTP ${answer.status} ${why}`;
    return { ok: false, reason, note: `The JWKS could not be used: ${reason}. Body: ${answer.body.slice(0, 300)}` };
  };
  if (answer.truncated) return fail(`with more than ${answer.limitBytes} bytes, which is not a key set`);
  const location = answer.headers.location;
  if (answer.status >= 300 && answer.status < 400 && location) return fail(`redirecting to ${location}, which is not followed: put the final URL in JWKS URI`);
  if (answer.status !== 200) return fail('instead of 200');
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return fail(`with a body that is not JSON (${answer.headers['content-type'] ?? 'no content type'})`);
  }
  const keys = (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => k !== null && typeof k === 'object' && !Array.isArray(k))) {
    return fail('with JSON that is not a key set (no "keys" array of objects)');
  }
  const entry: JwksEntry = { url, jwks: json as JSONWebKeySet, fetchedAt: options.now?.() ?? new Date() };
  const kids = keys.map((k: { kid?: unknown }) => (typeof k.kid === 'string' ? k.kid : '(no kid)'));
  return { ok: true, entry, fetched: true, note: `Fetched the JWKS from ${url}: HTTP 200 in ${answer.durationMs} ms, ${keys.length} key${keys.length === 1 ? '' : 's'} (${kids.join(', ')}).` };
}
