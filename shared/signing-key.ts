// The profile's signing key as the renderer may know it: public parts only (issue 16). Its private
// half stays in the OS keychain and main's memory (main/keys/signing-key.ts). private_key_jwt client
// assertions and signed request objects (JAR) are signed with it.

/** JWS algorithms a signing key may be used with (RFC 7518 3.1; EdDSA / Ed25519 per RFC 8037 / RFC 9864). */
export const SIGNING_ALGS = ['ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512', 'EdDSA', 'Ed25519'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** Generate key's default: small, fast, and accepted by every IdP that takes private_key_jwt. */
export const DEFAULT_SIGNING_ALG: SigningAlg = 'ES256';

export interface SigningKeySummary {
  alg: SigningAlg;
  /** Sent as the JWS `kid`; the JWK thumbprint when none was given. */
  kid: string;
  /** e.g. "EC P-256", "RSA 2048 bits", "Ed25519". */
  keyType: string;
  /** The public half, with kid, alg and use: what the IdP registers. */
  publicJwk: Record<string, unknown>;
  /** RFC 7638 SHA-256 thumbprint of the public JWK (base64url). */
  thumbprint: string;
  /** Origins an assertion with aud = issuer may be sent to (the profile's endpoints when the key was saved). */
  boundOrigins: string[];
  source: 'generated' | 'imported';
  savedAt: string;
}

/** What "Copy public JWK Set" copies: the JWK Set to register the client with (RFC 7517 5). */
export function publicJwkSet(key: Pick<SigningKeySummary, 'publicJwk'>): { keys: Record<string, unknown>[] } {
  return { keys: [key.publicJwk] };
}
