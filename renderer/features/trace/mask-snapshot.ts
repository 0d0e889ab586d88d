// A flow snapshot with the trace panel's mask applied everywhere a secret value can sit (URLs, form
// bodies, JSON bodies, the PKCE explanation, the tokens, the error's raw body), for "Export trace"
// without "Include secrets". Names and structure stay readable; only the values are replaced.
import type { FlowError } from '../../../shared/errors';
import type { FlowSnapshot, TokenResult, TraceEntry } from '../../../shared/flow-types';
import { maskValue, secretNamesFor, shownParams, shownUrl } from './mask';

type Secrets = ReadonlySet<string>;

/** name=value pairs of a form body (or any text of them), secret values masked. */
function maskForm(text: string, secrets: Secrets): string {
  // shownUrl masks the pairs that follow ? & or #; a leading '?' makes the first pair one of them.
  return shownUrl(`?${text}`, false, secrets).slice(1);
}

function maskRecord(record: Record<string, unknown>, secrets: Secrets): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'string' && secrets.has(k) ? maskValue(v) : v]));
}

/** A response body: a JSON object's secret members masked (its layout kept compact), else as a form. */
function maskBody(body: string, secrets: Secrets): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return maskForm(body, secrets);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
  return JSON.stringify(maskRecord(parsed as Record<string, unknown>, secrets));
}

/** Raw text that is a URL (an authorization error's redirect) or a response body. */
function maskRaw(raw: string, secrets: Secrets): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(raw) ? shownUrl(raw, false, secrets) : maskBody(raw, secrets);
}

function maskEntry(entry: TraceEntry, secrets: Secrets): TraceEntry {
  switch (entry.kind) {
    case 'authorization_request':
      return { ...entry, url: shownUrl(entry.url, false, secrets), params: shownParams(entry.params, false, secrets) };
    case 'redirect':
      return { ...entry, url: shownUrl(entry.url, false, secrets), params: Object.fromEntries(shownParams(Object.entries(entry.params), false, secrets)) };
    case 'token_request':
      return { ...entry, body: maskForm(entry.body, secrets), bodyParams: shownParams(entry.bodyParams, false, secrets) };
    case 'token_response':
      return { ...entry, body: maskBody(entry.body, secrets) };
    case 'action_request': {
      // Token actions send the token itself as `token` (revoke, introspect) or `id_token_hint` (sign-out).
      const actionSecrets = new Set([...secrets, 'token', 'id_token_hint']);
      const headers = Object.fromEntries(Object.entries(entry.headers).map(([k, v]): [string, string] => [k, maskBearer(k, v)]));
      return { ...entry, url: shownUrl(entry.url, false, actionSecrets), headers, body: maskForm(entry.body, actionSecrets), bodyParams: shownParams(entry.bodyParams, false, actionSecrets) };
    }
    case 'action_response':
      return { ...entry, body: maskBody(entry.body, secrets) };
    case 'par_request':
      return { ...entry, body: maskForm(entry.body, secrets), bodyParams: shownParams(entry.bodyParams, false, secrets) };
    case 'par_response':
      return { ...entry, body: maskBody(entry.body, secrets) };
    case 'request_object':
      // Only with `plain`: its code_challenge claim is the verifier.
      return secrets.has('request') ? { ...entry, jwt: maskValue(entry.jwt), payload: maskRecord(entry.payload, secrets) } : entry;
    case 'note':
      return entry;
  }
}

/** An `Authorization: Bearer <access token>` header, its token masked (a Basic header is redacted in main already). */
function maskBearer(name: string, value: string): string {
  if (name.toLowerCase() !== 'authorization') return value;
  const bearer = /^(bearer|dpop)\s+(.*)$/i.exec(value);
  return bearer ? `${bearer[1]} ${maskValue(bearer[2] ?? '')}` : value;
}

function maskTokens(tokens: TokenResult, secrets: Secrets): TokenResult {
  const masked: TokenResult = { ...tokens, raw: maskRecord(tokens.raw, secrets) };
  if (tokens.accessToken !== undefined) masked.accessToken = maskValue(tokens.accessToken);
  if (tokens.idToken !== undefined) masked.idToken = maskValue(tokens.idToken);
  if (tokens.refreshToken !== undefined) masked.refreshToken = maskValue(tokens.refreshToken);
  return masked;
}

function maskError(error: FlowError, secrets: Secrets): FlowError {
  return error.raw === undefined ? error : { ...error, raw: maskRaw(error.raw, secrets) };
}

export function maskedSnapshot(flow: FlowSnapshot): FlowSnapshot {
  const secrets = secretNamesFor(flow.pkce.method);
  const plain = flow.pkce.method === 'plain';
  const masked: FlowSnapshot = {
    ...flow,
    authorizationUrl: shownUrl(flow.authorizationUrl, false, secrets),
    pkce: {
      ...flow.pkce,
      verifier: maskValue(flow.pkce.verifier),
      // The verifier's bytes in hex are the verifier in another spelling.
      verifierBytesHex: maskValue(flow.pkce.verifierBytesHex),
      challenge: plain ? maskValue(flow.pkce.challenge) : flow.pkce.challenge,
    },
    trace: flow.trace.map((entry) => maskEntry(entry, secrets)),
  };
  if (flow.tokens) masked.tokens = maskTokens(flow.tokens, secrets);
  if (flow.error) masked.error = maskError(flow.error, secrets);
  return masked;
}
