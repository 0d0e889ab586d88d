// The key material a profile can hold besides its client secret (issue 16), as main uses it. It is
// kept in the OS keychain (key-store.ts), read in main only, and never copied into a snapshot, a
// trace, an export, a log or the renderer: the renderer only ever sees public parts (a public JWK,
// a certificate's subject and thumbprint).
import type { KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** What each keychain item of a profile is for (the account name is `<profileId>#<kind>`). */
export const KEY_KINDS = ['signing-key', 'dpop-key', 'client-certificate'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/**
 * An asymmetric private key with what signing needs: private_key_jwt assertions and signed request
 * objects use the profile's `signing-key`; DPoP proofs its `dpop-key`.
 */
export interface SigningKeyMaterial {
  /** JWS algorithm, e.g. ES256, RS256, PS256, EdDSA. */
  alg: string;
  /** Sent as the JWS `kid` header when set (IdPs with several registered keys need it). */
  kid?: string;
  privateKey: KeyObject;
  /** The public half as a JWK (with `kid`, `alg`, `use` when known): what the IdP registers. */
  publicJwk: JWK;
  /**
   * signing-key only: the origins the key was saved for (main/keys/signing-key.ts). An assertion whose
   * aud is the issuer is sent only there; absent: no binding (a DPoP key, a key made in a test).
   */
  boundOrigins?: string[];
}

/** RFC 8705: the TLS client certificate and its key, as Node's TLS options take them. */
export interface ClientCertificateMaterial {
  /** PEM certificate chain (leaf first) and PEM private key; or a PKCS#12 bundle with its password. */
  certPem?: string;
  keyPem?: string;
  pfx?: Buffer;
  passphrase?: string;
  /** base64url SHA-256 of the leaf certificate's DER: what `cnf.x5t#S256` of a bound token must equal. */
  thumbprint: string;
  /** The leaf certificate's subject, for the trace's "client certificate presented" (mTLS). */
  subject?: string;
}

/** Everything a flow or token action may sign or authenticate with, resolved in main per request. */
export interface ClientKeys {
  signingKey?: SigningKeyMaterial;
  dpopKey?: SigningKeyMaterial;
  clientCertificate?: ClientCertificateMaterial;
}
