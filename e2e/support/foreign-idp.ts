// An OpenID Provider configured UNLIKE the demo IdP, as a user's real IdP would be: oidc-provider's
// own development login and consent pages (any login and password, "Sign-in", then "Continue"),
// the provider mounted under a path prefix with non-default endpoint paths, `web` clients whose
// redirect URIs are exact (fixed port and path, one on `localhost`), a public native client, PKCE
// required, resource indicators issuing a JWT access token, short token lifetimes, no
// offline_access. Optionally oidc-provider 8 allowing PKCE `plain` (9 dropped it).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientMetadata, Configuration } from 'oidc-provider';
import { generateCookieKeys, generateSigningJwks } from '../../demo-idp/keys';
import { withoutExpectedNotices } from '../../demo-idp/quiet-notices';

export const FOREIGN_PREFIX = '/tenants/acme';
export const FOREIGN_API = 'urn:acme:orders-api';

export interface ForeignClient {
  clientId: string;
  /** '' for the public client. */
  clientSecret: string;
  redirectUri: string;
}

export interface ForeignTokenRequest {
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, string | string[]>;
}

export interface ForeignIdp {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  providerVersion: 8 | 9;
  clients: { post: ForeignClient; basic: ForeignClient; native: ForeignClient };
  tokenRequests: ForeignTokenRequest[];
  /** The query of every request that reached the authorization endpoint, in order. */
  authorizationRequests: URLSearchParams[];
  /** Why each failed token request failed (the provider's grant.error detail). */
  grantErrors: string[];
  close(): Promise<void>;
}

export interface ForeignIdpOptions {
  /** The exact redirect URIs of the two web clients; their ports must be free for the app to bind. */
  postRedirectUri: string;
  basicRedirectUri: string;
  /** Runs oidc-provider 8 with `pkce.methods: ['S256', 'plain']`. */
  allowPlain?: boolean;
  /** The host name in the issuer and endpoints (the server binds 127.0.0.1 either way). */
  issuerHost?: '127.0.0.1' | 'localhost';
}

/** A free TCP port on 127.0.0.1 (released again, for the app's loopback listener to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startForeignIdp(options: ForeignIdpOptions): Promise<ForeignIdp> {
  const providerVersion = options.allowPlain ? 8 : 9;
  // The issuer carries the real port: listen first, build the provider once the port is known.
  const mounted: { callback?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const { callback } = mounted;
    if (!callback || !(url === FOREIGN_PREFIX || url.startsWith(`${FOREIGN_PREFIX}/`) || url.startsWith(`${FOREIGN_PREFIX}?`))) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    // Mounted the way Express mounts it: the provider sees the path below the prefix and finds the
    // prefix again in originalUrl.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(FOREIGN_PREFIX.length) || '/';
    callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${options.issuerHost ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}${FOREIGN_PREFIX}`;

  const clients = {
    post: { clientId: 'acme-web-post', clientSecret: 'post-secret-7f3a9c', redirectUri: options.postRedirectUri },
    basic: { clientId: 'acme-web-basic', clientSecret: 'basic-secret-41d2e8', redirectUri: options.basicRedirectUri },
    native: { clientId: 'acme-native', clientSecret: '', redirectUri: 'http://127.0.0.1/native/cb' },
  };
  const metadata: ClientMetadata[] = [
    { client_id: clients.post.clientId, client_secret: clients.post.clientSecret, application_type: 'web', token_endpoint_auth_method: 'client_secret_post', redirect_uris: [clients.post.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
    { client_id: clients.basic.clientId, client_secret: clients.basic.clientSecret, application_type: 'web', token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [clients.basic.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
    { client_id: clients.native.clientId, application_type: 'native', token_endpoint_auth_method: 'none', redirect_uris: [clients.native.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
  ];

  const configuration: Configuration = {
    clients: metadata,
    jwks: await generateSigningJwks(),
    cookies: { keys: generateCookieKeys() },
    routes: { authorization: '/oauth2/authorize', token: '/oauth2/token', jwks: '/oauth2/keys', userinfo: '/oauth2/userinfo' },
    scopes: ['openid', 'profile', 'email', 'orders:read'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: `User ${sub}`, preferred_username: sub, email: `${sub}@acme.test`, email_verified: true }) }),
    pkce: { required: () => true, ...(options.allowPlain ? { methods: ['S256', 'plain'] } : {}) } as Configuration['pkce'],
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Without a resource parameter the access token is still for the API, as a JWT.
        defaultResource: () => FOREIGN_API,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== FOREIGN_API) throw new Error(`unknown resource ${resourceIndicator}`);
          return { scope: 'orders:read', audience: FOREIGN_API, accessTokenTTL: 90, accessTokenFormat: 'jwt' };
        },
      },
    },
    ttl: { AccessToken: 90, IdToken: 120, AuthorizationCode: 30, Interaction: 300, Session: 600, Grant: 600 },
  };

  const { default: ProviderClass } = await withoutExpectedNotices(async () => (providerVersion === 8 ? import('oidc-provider-v8') : import('oidc-provider')));
  const provider = await withoutExpectedNotices(() => new ProviderClass(issuer, configuration));
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('foreign IdP server_error:', err));
  const tokenRequests: ForeignTokenRequest[] = [];
  const authorizationRequests: URLSearchParams[] = [];
  const grantErrors: string[] = [];
  provider.on('grant.error', (_ctx: unknown, err: Error & { error_description?: string; cause?: unknown }) => {
    grantErrors.push([err.message, err.error_description, err.cause instanceof Error ? err.cause.message : undefined].filter(Boolean).join(': '));
  });
  provider.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path.endsWith('/oauth2/authorize')) authorizationRequests.push(new URLSearchParams(ctx.querystring));
    await next();
    if (ctx.method === 'POST' && ctx.path.endsWith('/oauth2/token')) {
      const body = (ctx.oidc as { body?: Record<string, string | string[]> } | undefined)?.body ?? {};
      tokenRequests.push({ headers: { ...ctx.request.headers }, body: { ...body } });
    }
  });
  mounted.callback = provider.callback();

  return {
    issuer,
    authorizationEndpoint: `${issuer}/oauth2/authorize`,
    tokenEndpoint: `${issuer}/oauth2/token`,
    providerVersion,
    clients,
    tokenRequests,
    authorizationRequests,
    grantErrors,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
