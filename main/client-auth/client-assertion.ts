// Client authentication by assertion (RFC 7523 2.2, OpenID Connect Core 9): a short-lived JWT with
// iss = sub = client_id, aud = where it is sent (or the issuer, as some IdPs want), a fresh jti and
// exp within 60 s. private_key_jwt signs it with the profile's private key; client_secret_jwt with
// an HMAC of the client secret. jose does the signing.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ClientAuthentication } from '../../shared/settings';
import type { SigningKeyMaterial } from '../keys/key-material';

export const ASSERTION_LIFETIME_SECONDS = 60;

export interface AssertionInput {
  method: Extract<ClientAuthentication, 'private_key_jwt' | 'client_secret_jwt'>;
  clientId: string;
  audience: string;
  now: Date;
  /** private_key_jwt */
  signingKey?: SigningKeyMaterial;
  /** client_secret_jwt */
  clientSecret?: string | null;
  /** client_secret_jwt: HS256 unless the IdP asks for another (token_endpoint_auth_signing_alg_values_supported). */
  hmacAlg?: 'HS256' | 'HS384' | 'HS512';
}

export class AssertionUnavailable extends Error {}

export async function createClientAssertion(input: AssertionInput): Promise<string> {
  const iat = Math.floor(input.now.getTime() / 1000);
  const jwt = new SignJWT({})
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.audience)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS);
  if (input.method === 'private_key_jwt') {
    const key = input.signingKey;
    if (!key) throw new AssertionUnavailable('private_key_jwt needs the profile\'s private key: add one under Client Authentication (Signing key) first.');
    return jwt.setProtectedHeader({ alg: key.alg, typ: 'JWT', ...(key.kid ? { kid: key.kid } : {}) }).sign(key.privateKey);
  }
  const secret = input.clientSecret ?? '';
  if (secret === '') throw new AssertionUnavailable('client_secret_jwt needs the client secret (the HMAC key): enter it in Client Secret.');
  return jwt.setProtectedHeader({ alg: input.hmacAlg ?? 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}
