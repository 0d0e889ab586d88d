// The `Signature` row: a compact JWS verified with jose against the IdP's JWKS (asymmetric algs) or
// the client secret (HS256/384/512, confidential clients only). jose's `compactVerify` checks the
// signature alone, so every claim is left to the rows of shared/oidc/id-token-claims.ts. What jose
// refuses (an RSA key under 2048 bits, an unknown `crit`, an unsupported alg) is reported as the
// row's reason rather than thrown: the inspector must say what is wrong with the token.
import { compactVerify, createLocalJWKSet, errors, type CryptoKey, type JSONWebKeySet } from 'jose';
import { row, type CheckRow } from '../../shared/oidc/check-rows';
import type { JwksCache } from './jwks-cache';

export interface SignatureInputs {
  /** The algorithms the IdP lists (RS256 when it lists none, OIDC Discovery 3); 'any' for informational checks. */
  allowedAlgs: readonly string[] | 'any';
  /** For HS256/384/512: the client secret, or why there is none to check with. */
  hmacSecret: { secret: string } | { unavailable: string };
  issuer: string;
  /** '' when neither discovered nor typed. */
  jwksUri: string;
  jwks: JwksCache;
  /** Aborts a JWKS fetch when the flow is cancelled or the app shuts down. */
  signal?: AbortSignal;
}

export interface SignatureResult {
  row: CheckRow;
  /** What was fetched or reused, for the trace. */
  notes: string[];
}

type Verified = { ok: true } | { ok: false; error: unknown };

const NAME = 'Signature' as const;
const show = (value: unknown) => JSON.stringify(value) ?? String(value);

export async function checkSignature(token: string, header: Record<string, unknown>, inputs: SignatureInputs): Promise<SignatureResult> {
  const notes: string[] = [];
  const done = (verdict: CheckRow['verdict'], reason: string): SignatureResult => ({ row: row(NAME, verdict, reason), notes });
  const { alg } = header;
  if (typeof alg !== 'string' || alg === '') return done('fail', `the header has no alg (${show(alg)})`);
  if (alg === 'none') return done('fail', 'alg "none": the token is not signed at all, and nothing vouches for its claims');

  const listed = inputs.allowedAlgs === 'any' ? undefined : inputs.allowedAlgs.length > 0 ? inputs.allowedAlgs : ['RS256'];
  const algProblem =
    listed && !listed.includes(alg)
      ? inputs.allowedAlgs.length === 0
        ? `alg ${alg} is not RS256, the one expected when no metadata lists id_token_signing_alg_values_supported (press Discover to read the IdP's list)`
        : `alg ${alg} is not one the IdP lists (${listed.join(', ')})`
      : undefined;
  const notVerified = (why: string) => (algProblem ? done('fail', `${algProblem}; the signature was not verified either: ${why}`) : done('not checked', why));

  let verified: Verified;
  let keyWords: string;
  if (/^HS(256|384|512)$/.test(alg)) {
    const hmac = inputs.hmacSecret;
    if ('unavailable' in hmac) return notVerified(hmac.unavailable);
    keyWords = 'the client secret';
    verified = await attempt(() => compactVerify(token, new TextEncoder().encode(hmac.secret), { algorithms: [alg] }));
  } else {
    if (inputs.jwksUri === '') return notVerified('no JWKS: press Discover or fill JWKS URI');
    let keys = await inputs.jwks.get(inputs.issuer, inputs.jwksUri, { signal: inputs.signal });
    notes.push(keys.note);
    if (!keys.ok) return notVerified(`the JWKS could not be used: ${keys.reason}`);
    verified = await verifyWithKeySet(token, keys.entry.jwks, alg);
    if (!verified.ok && verified.error instanceof errors.JWKSNoMatchingKey && !keys.fetched) {
      // The IdP may have rotated its keys since the set was cached: fetch it again, once.
      keys = await inputs.jwks.get(inputs.issuer, inputs.jwksUri, { refresh: true, signal: inputs.signal });
      notes.push(`No key for kid ${show(header.kid)} in the cached JWKS: fetched it again in case the IdP rotated its keys. ${keys.note}`);
      if (!keys.ok) return notVerified(`the JWKS could not be used: ${keys.reason}`);
      verified = await verifyWithKeySet(token, keys.entry.jwks, alg);
    }
    keyWords = `key kid ${show(header.kid)} from ${inputs.jwksUri}`;
  }

  if (verified.ok) return algProblem ? done('fail', `${algProblem}, although the signature verifies with ${keyWords}`) : done('pass', `${alg} signature verified with ${keyWords}`);
  const { error } = verified;
  const prefix = algProblem ? `${algProblem}; and ` : '';
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return done('fail', `${prefix}the ${alg} signature does not verify with ${keyWords}: the token was altered, or signed with another key`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return done('fail', `${prefix}no key in the JWKS at ${inputs.jwksUri} matches kid ${show(header.kid)} and alg ${alg}, even after fetching it again`);
  }
  return done('fail', `${prefix}the signature could not be verified: ${error instanceof Error ? error.message : String(error)}`);
}

async function attempt(verify: () => Promise<unknown>): Promise<Verified> {
  try {
    await verify();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;
// One jose key set per fetched JWKS document (a refetch brings a new object): jose imports each key
// once per set, so building the set again for every token cost a key import per verification.
const keySets = new WeakMap<JSONWebKeySet, LocalKeySet>();

/** compactVerify with a local key set; several keys matching (no kid) are each tried, as jwtVerify would. */
async function verifyWithKeySet(token: string, jwks: JSONWebKeySet, alg: string): Promise<Verified> {
  let keySet = keySets.get(jwks);
  if (!keySet) {
    try {
      keySet = createLocalJWKSet(jwks);
    } catch (error) {
      return { ok: false, error };
    }
    keySets.set(jwks, keySet);
  }
  const first = await attempt(() => compactVerify(token, keySet, { algorithms: [alg] }));
  if (first.ok || !(first.error instanceof errors.JWKSMultipleMatchingKeys)) return first;
  let last: Verified = { ok: false, error: new errors.JWSSignatureVerificationFailed() };
  for await (const key of first.error as AsyncIterable<CryptoKey>) {
    last = await attempt(() => compactVerify(token, key, { algorithms: [alg] }));
    if (last.ok) return last;
  }
  return last;
}
