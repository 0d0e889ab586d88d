// Fresh keys for each start of the demo IdP: nothing to commit, nothing to leak. Tokens signed by a
// previous run simply stop verifying, which is what a demo wants.
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';

/** A private RS256 signing key as a JWKS, in the form oidc-provider's `jwks` option takes. */
export async function generateSigningJwks(): Promise<{ keys: Record<string, unknown>[] }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { keys: [{ ...jwk, alg: 'RS256', use: 'sig', kid: `demo-${randomBytes(6).toString('hex')}` }] };
}

/** Keys for the provider's signed cookies. */
export function generateCookieKeys(): string[] {
  return [randomBytes(32).toString('base64url')];
}
