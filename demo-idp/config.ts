// The demo IdP's whole configuration in one place: clients, redirect URIs, scopes, the demo user.
// Every value here is a DEMO value (printed by `npm run demo-idp`); nothing here is a real secret.
//
// Redirect URIs and oidc-provider's rules (it follows RFC 8252 strictly):
//  - A `native` client may register `http://127.0.0.1/callback` once and use it with ANY port
//    (RFC 8252 7.3: oidc-provider ignores the port of loopback redirect URIs for native clients
//    only), plus private-use schemes such as `io.github.pkce-inspector:/callback` (RFC 8252 7.1).
//  - A native client may NOT register `https://localhost...` ("claimed HTTPS URIs must not be using
//    localhost"), and a `web` client may not register a custom scheme nor use a loopback URI with
//    another port than the registered one.
// So the Azure-style `https://localhost` redirects live on two `web` clients (a confidential "Web"
// registration and a public "SPA" one, as Entra ID names them), and the loopback and custom-scheme
// redirects on three `native` clients (public, client_secret_basic, client_secret_post).
import type { ClientMetadata, Configuration } from 'oidc-provider';
import { errorPage, logoutPage, signedOutPage } from './pages';
import { DEFAULT_LOOPBACK_CALLBACK, DEFAULT_SCHEME_CALLBACK } from '../shared/app-identity';

/** `npm run demo-idp` listens here unless `--port` says otherwise, so the issuer is stable to document. */
export const DEFAULT_PORT = 9090;
export const HOST = '127.0.0.1';

export const SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** Redirect URIs of the native clients: the loopback one accepts any port (RFC 8252 7.3). */
export const NATIVE_REDIRECT_URIS = [DEFAULT_LOOPBACK_CALLBACK, 'http://127.0.0.1/', DEFAULT_SCHEME_CALLBACK] as const;
/** Redirect URIs of the web clients: the usual Entra ID test registration (see the Azure seed article). */
export const WEB_REDIRECT_URIS = ['https://localhost', 'https://localhost/callback'] as const;

/**
 * Secrets holding `: + / = %`: RFC 6749 2.3.1 says to form-urlencode client id and secret before
 * Basic encoding (so `+` travels as %2B and `%` as %25), and these secrets only work end to end if
 * both sides do. No non-ASCII character: RFC 6749 Appendix A.5 limits client_secret to VSCHAR
 * (%x20-7E) and oidc-provider refuses any other ("invalid client_secret value"); the encoding of
 * non-ASCII secrets is covered by shared/token-request.test.ts instead.
 */
export const CONFIDENTIAL_SECRETS = {
  basic: 's3cr:t+/=%-basic-demo',
  post: 's3cr:t+/=%-post-demo',
  web: 's3cr:t+/=%-web-demo',
} as const;

export type DemoClientKey = 'public' | 'confidentialBasic' | 'confidentialPost' | 'webConfidential' | 'webPublic';
export type TokenEndpointAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';

export interface DemoClient {
  clientId: string;
  /** null for public clients. */
  clientSecret: string | null;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  applicationType: 'native' | 'web';
  redirectUris: readonly string[];
  /** One line for people: what this client stands for. */
  description: string;
  /** UserInfo answers as a JWT signed with the IdP's key (OpenID Connect Core 5.3.2) instead of JSON. */
  userinfoSigned?: boolean;
}

export const DEMO_CLIENTS: Record<DemoClientKey, DemoClient> = {
  public: {
    clientId: 'pkce-inspector-public',
    clientSecret: null,
    tokenEndpointAuthMethod: 'none',
    applicationType: 'native',
    redirectUris: NATIVE_REDIRECT_URIS,
    description: 'Public native app: no secret, loopback (any port) or custom-scheme redirect.',
  },
  confidentialBasic: {
    clientId: 'pkce-inspector-confidential-basic',
    clientSecret: CONFIDENTIAL_SECRETS.basic,
    tokenEndpointAuthMethod: 'client_secret_basic',
    applicationType: 'native',
    redirectUris: NATIVE_REDIRECT_URIS,
    description: 'Confidential client, secret in the Authorization: Basic header.',
  },
  confidentialPost: {
    clientId: 'pkce-inspector-confidential-post',
    clientSecret: CONFIDENTIAL_SECRETS.post,
    tokenEndpointAuthMethod: 'client_secret_post',
    applicationType: 'native',
    redirectUris: NATIVE_REDIRECT_URIS,
    description: 'Confidential client, secret as client_secret in the request body; UserInfo answers as a signed JWT.',
    userinfoSigned: true,
  },
  webConfidential: {
    clientId: 'pkce-inspector-web',
    clientSecret: CONFIDENTIAL_SECRETS.web,
    tokenEndpointAuthMethod: 'client_secret_basic',
    applicationType: 'web',
    redirectUris: WEB_REDIRECT_URIS,
    description: 'Azure-style "Web" registration: https://localhost redirects (use the embedded window), Basic secret.',
  },
  webPublic: {
    clientId: 'pkce-inspector-spa',
    clientSecret: null,
    tokenEndpointAuthMethod: 'none',
    applicationType: 'web',
    redirectUris: WEB_REDIRECT_URIS,
    description: 'Azure-style "SPA" registration: https://localhost redirects, no secret; a token request with an Origin header must come from https://localhost.',
  },
};

/**
 * A demo API (RFC 8707 resource indicator): send `resource=urn:pkce-inspector:demo-api` and ask for
 * `api:read` / `api:write` to get a JWT access token for it. Without `resource`, access tokens
 * are opaque (for userinfo), as with most IdPs.
 */
export const DEMO_API = {
  resource: 'urn:pkce-inspector:demo-api',
  scopes: ['api:read', 'api:write'],
} as const;

/** The one demo user, checked by the login page. */
export const DEMO_USER = { login: 'demo', password: 'demo' } as const;

/** The demo user's claims, by scope (OIDC Core 5.4). */
export const DEMO_ACCOUNT = {
  sub: 'demo-user-0001',
  name: 'Dana Demo',
  given_name: 'Dana',
  family_name: 'Demo',
  preferred_username: DEMO_USER.login,
  email: 'demo@example.test',
  email_verified: true,
} as const;

export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  email: ['email', 'email_verified'],
} as const;

/** Lifetimes in seconds: short enough to see `exp` pass while testing, long enough to read the token. */
export const TTL = {
  AccessToken: 15 * 60,
  IdToken: 15 * 60,
  AuthorizationCode: 60,
  RefreshToken: 24 * 60 * 60,
  Interaction: 10 * 60,
  Session: 60 * 60,
  Grant: 24 * 60 * 60,
} as const;

export type PkceMethod = 'S256' | 'plain';

export interface ProviderConfigurationInput {
  /** Private signing keys (JWKS) for ID tokens. */
  jwks: { keys: Record<string, unknown>[] };
  /** Keys signing the provider's cookies. */
  cookieKeys: string[];
  /** ['S256'] for oidc-provider 9; with 'plain', oidc-provider 8 (9 dropped `plain`). */
  pkceMethods: PkceMethod[];
  findAccount: Configuration['findAccount'];
  /** Where the login and consent pages live (served by demo-idp/interactions.ts). */
  interactionUrl: (uid: string) => string;
  /** The loaded provider's own InvalidTarget error (v8 and v9 each have theirs). */
  invalidTarget: (description: string) => Error;
  /** Tests: shorter lifetimes (e.g. a few seconds of access token to see auto-refresh fire). */
  ttl?: Partial<Record<keyof typeof TTL, number>>;
  /** DPoP (RFC 9449, on by default in oidc-provider 9): with a secret, every proof must carry a server nonce (section 8). */
  dpopNonceSecret?: Buffer;
}

/** The oidc-provider configuration. Types are v9's; v8 takes the same shape plus `pkce.methods`. */
export function providerConfiguration(input: ProviderConfigurationInput): Configuration {
  const pkce: NonNullable<Configuration['pkce']> & { methods?: PkceMethod[] } = {
    // RFC 9700 2.1.1: PKCE for every client, confidential ones included.
    required: () => true,
  };
  if (input.pkceMethods.includes('plain')) pkce.methods = input.pkceMethods;
  return {
    clients: Object.values(DEMO_CLIENTS).map(toClientMetadata),
    jwks: input.jwks as Configuration['jwks'],
    cookies: { keys: input.cookieKeys },
    findAccount: input.findAccount,
    claims: Object.fromEntries(Object.entries(CLAIMS_BY_SCOPE).map(([scope, claims]) => [scope, [...claims]])),
    scopes: [...SCOPES],
    // Put the scope claims (name, email...) in the ID token too, so the app's JWT view shows them.
    conformIdTokenClaims: false,
    pkce,
    ttl: { ...TTL, ...input.ttl },
    features: {
      devInteractions: { enabled: false },
      ...(input.dpopNonceSecret ? { dPoP: { enabled: true, nonceSecret: input.dpopNonceSecret, requireNonce: () => true } } : {}),
      // The token's life after the flow: RFC 7009, RFC 7662, signed UserInfo, RP-Initiated Logout.
      // A client may revoke and introspect only the tokens issued to it.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // The token request may leave `resource` out and still get the one granted at authorization.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== DEMO_API.resource) throw input.invalidTarget(`unknown resource; this demo IdP knows only ${DEMO_API.resource}`);
          return { scope: DEMO_API.scopes.join(' '), audience: DEMO_API.resource, accessTokenFormat: 'jwt', accessTokenTTL: input.ttl?.AccessToken ?? TTL.AccessToken };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => input.interactionUrl(interaction.uid) },
    // Errors the provider cannot redirect back (unknown client, unregistered redirect_uri...).
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(`Error: ${String(out.error)}`, String(out.error_description ?? out.error));
    },
    // A token request with an Origin header (browser-style, as Entra ID SPA registrations demand) is
    // accepted only from a public client whose redirect URIs share that origin; the app's own
    // token requests come from Node without an Origin and are unaffected.
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientAuthMethod === 'none' && origin !== 'null' && client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) === true,
  };
}

function toClientMetadata(client: DemoClient): ClientMetadata {
  return {
    client_id: client.clientId,
    ...(client.clientSecret !== null ? { client_secret: client.clientSecret } : {}),
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    application_type: client.applicationType,
    redirect_uris: [...client.redirectUris],
    // Where "Sign out at IdP" may send the browser back: the loopback listener (any port, native
    // clients, RFC 8252 7.3) or the web clients' https://localhost.
    post_logout_redirect_uris: client.redirectUris.filter((uri) => uri.startsWith('http')),
    ...(client.userinfoSigned ? { userinfo_signed_response_alg: 'RS256' } : {}),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: SCOPES.join(' '),
  };
}
