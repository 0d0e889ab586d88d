// A DPoP proof (RFC 9449 section 4): a JWT signed with the profile's DPoP key, header typ
// `dpop+jwt`, alg and the public key as `jwk`; payload htm, htu (the URL without query and
// fragment), iat, a fresh jti, `ath` (base64url SHA-256 of the access token) when one is presented,
// and `nonce` when the server gave one. Proofs are not secret: the trace shows them decoded.
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { ClientKeys, SigningKeyMaterial } from '../keys/key-material';
import { dpopNonces, type DpopNonces } from './dpop-nonces';

export interface DpopProofOptions {
  /** The access token the request presents (UserInfo, Call API): the proof carries its hash as `ath`. */
  accessToken?: string;
  /** The nonce to carry; absent: the latest one the server gave (`nonces`), if any. */
  nonce?: string;
  nonces?: DpopNonces;
  now?: Date;
}

export interface DpopProof {
  /** The compact JWT, sent as the `DPoP` header. */
  proof: string;
  header: Record<string, unknown>;
  payload: JWTPayload;
}

/** RFC 9449 4.2: htu is the request's URI without query and fragment. */
export function dpopHtu(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/** RFC 9449 4.2: ath = base64url(SHA-256(ASCII access token)). */
export const accessTokenHash = (accessToken: string): string => createHash('sha256').update(accessToken, 'ascii').digest('base64url');

export async function createDpopProof(key: SigningKeyMaterial, method: string, url: string, options: DpopProofOptions = {}): Promise<DpopProof> {
  const now = options.now ?? new Date();
  const nonce = options.nonce ?? (options.nonces ?? dpopNonces).get(url);
  const { kid: _kid, alg: _alg, use: _use, key_ops: _ops, ...jwk } = key.publicJwk;
  const header = { typ: 'dpop+jwt', alg: key.alg, jwk };
  const payload: JWTPayload = {
    jti: randomUUID(),
    htm: method.toUpperCase(),
    htu: dpopHtu(url),
    iat: Math.floor(now.getTime() / 1000),
    ...(options.accessToken !== undefined ? { ath: accessTokenHash(options.accessToken) } : {}),
    ...(nonce !== undefined ? { nonce } : {}),
  };
  const proof = await new SignJWT(payload).setProtectedHeader(header).sign(key.privateKey);
  return { proof, header, payload };
}

/**
 * For requests made elsewhere (the PAR request): the `DPoP` header for `method url` signed with the
 * flow's DPoP key, carrying the server's latest nonce; null when the flow has no DPoP key. Answer
 * nonce challenges with `sendWithDpop` (dpop-send.ts), or remember `DPoP-Nonce` with `dpopNonces`.
 */
export async function dpopProofFor(keys: ClientKeys, method: string, url: string, options: DpopProofOptions = {}): Promise<(DpopProof & { headers: { dpop: string } }) | null> {
  if (!keys.dpopKey) return null;
  const made = await createDpopProof(keys.dpopKey, method, url, options);
  return { ...made, headers: { dpop: made.proof } };
}
