// The settings of one flow: everything in the Postman-like form except the client secret, which
// never lives here (it is kept by main, in the OS keychain or in memory for one flow).
import { z } from 'zod';
import { DiscoveredMetadataSchema } from './oidc/metadata';
import { DEFAULT_VERIFIER_LENGTH, VERIFIER_MAX_LENGTH, VERIFIER_MIN_LENGTH } from './pkce';

export const AUTHORIZE_MODES = ['browser-loopback', 'browser-scheme', 'embedded'] as const;
export type AuthorizeMode = (typeof AUTHORIZE_MODES)[number];

export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
export const MAX_CLOCK_SKEW_SECONDS = 3_600;

export const KeyValueRowSchema = z.object({
  key: z.string().max(200),
  value: z.string().max(8_000),
  enabled: z.boolean().default(true),
  /**
   * Where the parameter goes (Postman's "Send as"). Absent: the list's usual place (authorization
   * request: URL query; token and refresh requests: request body), so older profiles keep theirs.
   */
  sendAs: z.enum(['query', 'body', 'header']).optional(),
});
export type KeyValueRow = z.infer<typeof KeyValueRowSchema>;

/** Methods of the Call API panel: one request without a body, to prove the access token works. */
export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/**
 * How the client authenticates at the token endpoint and its kin: a client secret in the Basic header
 * or the body (RFC 6749 2.3.1), an assertion (RFC 7523, OIDC Core 9: private_key_jwt signed with the
 * profile's key, client_secret_jwt with the secret), or its TLS client certificate (RFC 8705).
 */
export const CLIENT_AUTHENTICATIONS = ['basic', 'body', 'private_key_jwt', 'client_secret_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'] as const;
export type ClientAuthentication = (typeof CLIENT_AUTHENTICATIONS)[number];

export const AUTO_REFRESH_SECONDS_MAX = 86_400;

export const FlowSettingsSchema = z.object({
  tokenName: z.string().max(200).default('Token'),
  /** OpenID Connect issuer identifier: what Discover starts from and ID tokens are checked against. */
  issuer: z.string().max(4_000).default(''),
  /** The IdP's metadata as last discovered; null until Discover is pressed. */
  metadata: DiscoveredMetadataSchema.nullable().default(null),
  /** In loopback mode a URL without a port means "an ephemeral port" (RFC 8252 section 7.3). */
  callbackUrl: z.string().max(2_000).default('http://127.0.0.1/callback'),
  authorizeMode: z.enum(AUTHORIZE_MODES).default('browser-loopback'),
  authUrl: z.string().max(4_000).default(''),
  accessTokenUrl: z.string().max(4_000).default(''),
  clientId: z.string().max(1_000).default(''),
  codeChallengeMethod: z.enum(['S256', 'plain']).default('S256'),
  /** Empty: a fresh verifier is generated for every flow. */
  codeVerifier: z.string().max(4_000).default(''),
  verifierLength: z.number().int().min(VERIFIER_MIN_LENGTH).max(VERIFIER_MAX_LENGTH).default(DEFAULT_VERIFIER_LENGTH),
  scope: z.string().max(4_000).default('openid profile'),
  /** Empty: a random state per flow. */
  state: z.string().max(2_000).default(''),
  clientAuthentication: z.enum(CLIENT_AUTHENTICATIONS).default('basic'),
  /** private_key_jwt / client_secret_jwt: the assertion's `aud` (IdPs differ: the endpoint it is sent to, or the issuer). */
  assertionAudience: z.enum(['endpoint', 'issuer']).default('endpoint'),
  audience: z.string().max(2_000).default(''),
  resource: z.string().max(2_000).default(''),
  extraAuthParams: z.array(KeyValueRowSchema).max(50).default([]),
  extraTokenParams: z.array(KeyValueRowSchema).max(50).default([]),
  extraRefreshParams: z.array(KeyValueRowSchema).max(50).default([]),
  /** Advanced endpoints; empty: from the discovered metadata (Refresh Token URL: the Access Token URL). */
  jwksUri: z.string().max(4_000).default(''),
  refreshTokenUrl: z.string().max(4_000).default(''),
  revocationUrl: z.string().max(4_000).default(''),
  introspectionUrl: z.string().max(4_000).default(''),
  userinfoUrl: z.string().max(4_000).default(''),
  endSessionUrl: z.string().max(4_000).default(''),
  /** Refresh the access token `autoRefreshSeconds` before it expires, while the app runs. */
  autoRefresh: z.boolean().default(false),
  autoRefreshSeconds: z.number().int().min(1).max(AUTO_REFRESH_SECONDS_MAX).default(60),
  /** The Call API panel's request, remembered per profile (the Bearer token is added when sent). */
  apiMethod: z.enum(API_METHODS).default('GET'),
  apiUrl: z.string().max(4_000).default(''),
  apiHeaders: z.array(KeyValueRowSchema).max(50).default([]),
  /** Origin header on the token request: Entra ID SPA registrations require one (AADSTS9002327). */
  tokenRequestOrigin: z.string().max(500).default(''),
  /** Negative test: leave code_verifier out of the token request; the IdP must refuse the code. */
  omitCodeVerifier: z.boolean().default(false),
  /** Stop at "Ready to exchange" when the redirect arrives: the token request is shown, editable, and sent by Exchange. */
  pauseBeforeTokenRequest: z.boolean().default(false),
  /** Embedded window only: keep the IdP's cookies between flows (default: a fresh session per flow). */
  keepCookies: z.boolean().default(false),
  /** Mix-up test (RFC 9207): go on to the token request although the redirect's `iss` is wrong or missing. */
  allowIssuerMismatch: z.boolean().default(false),
  /** Tolerance for exp / iat / nbf / auth_time in ID token validation (clocks drift). */
  clockSkewSeconds: z.number().int().min(0).max(MAX_CLOCK_SKEW_SECONDS).default(DEFAULT_CLOCK_SKEW_SECONDS),
  // High-security client features (issue 16), each an Advanced option, off by default. Key material
  // (signing key, DPoP key, client certificate) lives in the OS keychain per profile, never here.
  /** RFC 9126: push the authorization parameters, give the browser only client_id + request_uri. */
  usePar: z.boolean().default(false),
  /** Empty: pushed_authorization_request_endpoint from the metadata. */
  parUrl: z.string().max(4_000).default(''),
  /** RFC 9449: sender-constrained tokens with a per-profile key; proofs on token, refresh, UserInfo and Call API requests. */
  dpop: z.boolean().default(false),
  /** Empty: chosen from dpop_signing_alg_values_supported (ES256 when it allows). */
  dpopAlg: z.string().max(20).default(''),
  /** RFC 9101 (JAR): the authorization parameters in a `request` JWT signed with the profile's signing key. */
  signAuthorizationRequest: z.boolean().default(false),
  /** RFC 8705: present the profile's client certificate (TLS client authentication) to the token endpoint and its kin. */
  useClientCertificate: z.boolean().default(false),
});
export type FlowSettings = z.infer<typeof FlowSettingsSchema>;

export function defaultFlowSettings(): FlowSettings {
  return FlowSettingsSchema.parse({});
}

export function scopeIncludesOpenId(scope: string): boolean {
  return scope.split(/\s+/).includes('openid');
}
