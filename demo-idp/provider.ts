// A real OpenID Provider (oidc-provider) on 127.0.0.1, for the cli, integration tests and end-to-end
// tests. It requires PKCE of every client and records what a test needs to prove what happened:
// the token requests as they arrived, and the reasons behind token errors (oidc-provider only
// answers `invalid_grant`; the detail, e.g. "code_verifier does not match", is in `grant.error`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import type { Configuration } from 'oidc-provider';
import { DEMO_ACCOUNT, DEMO_CLIENTS, DEMO_USER, HOST, providerConfiguration, type DemoClient, type DemoClientKey, type PkceMethod, type ProviderConfigurationInput } from './config';
import { handleInteraction, INTERACTION_PREFIX, interactionUrl } from './interactions';
import { generateCookieKeys, generateSigningJwks } from './keys';
import { withConsentForOfflineAccess } from './offline-consent';
import { withoutExpectedNotices } from './quiet-notices';

export interface StartDemoIdpOptions {
  /** 0 (the default) for an ephemeral port. */
  port?: number;
  host?: typeof HOST;
  /** ['S256'] (default) runs oidc-provider 9; including 'plain' runs oidc-provider 8, which still supports it. */
  pkceMethods?: PkceMethod[];
  /** Private signing keys (a JWKS); default: a fresh RS256 key. Tests pass their own to craft or rotate keys. */
  signingJwks?: { keys: Record<string, unknown>[] };
  /** Tests: shorter token lifetimes, in seconds. */
  ttl?: ProviderConfigurationInput['ttl'];
  /** Tests: change the configuration before the provider is built (more clients, client auth methods, features). */
  configure?: (configuration: Configuration) => void;
}

export interface CapturedTokenRequest {
  /** Request headers as received (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** The form body as the provider parsed it. */
  body: Record<string, string | string[]>;
  /** The URL's query parameters (Send as: URL query). */
  query: Record<string, string | string[]>;
  /** performance.now() when the request reached the provider (the bench times the client's way to it). */
  receivedAt: number;
}

export interface DemoIdp {
  issuer: string;
  discoveryUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  revocationEndpoint: string;
  introspectionEndpoint: string;
  endSessionEndpoint: string;
  jwksUri: string;
  pkceMethods: PkceMethod[];
  /** Which oidc-provider major runs: 9, or 8 when `plain` is allowed. */
  providerVersion: 8 | 9;
  clients: Record<DemoClientKey, DemoClient>;
  user: { login: string; password: string };
  /** Every error behind a failed token request, in order (oidc-provider's `grant.error` event). */
  grantErrors: Error[];
  /** Every request that reached the token endpoint, in order. */
  tokenRequests: CapturedTokenRequest[];
  close(): Promise<void>;
}

export async function startDemoIdp(options: StartDemoIdpOptions = {}): Promise<DemoIdp> {
  const host = options.host ?? HOST;
  const pkceMethods: PkceMethod[] = options.pkceMethods && options.pkceMethods.length > 0 ? [...new Set(options.pkceMethods)] : ['S256'];
  const providerVersion = pkceMethods.includes('plain') ? 8 : 9;

  // The issuer must carry the real port, so listen first and build the provider once it is known.
  const started: { ready?: { provider: Provider; callback: (req: IncomingMessage, res: ServerResponse) => void } } = {};
  const server = createServer((req, res) => {
    const { ready } = started;
    if (!ready) {
      res.writeHead(503).end('Starting');
      return;
    }
    if ((req.url ?? '').startsWith(INTERACTION_PREFIX)) {
      void handleInteraction(ready.provider, req, res);
      return;
    }
    ready.callback(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  let provider: Provider;
  try {
    const { default: ProviderClass, errors } = await withoutExpectedNotices(async () => (providerVersion === 8 ? import('oidc-provider-v8') : import('oidc-provider')));
    const configuration = providerConfiguration({
      jwks: options.signingJwks ?? (await generateSigningJwks()),
      cookieKeys: generateCookieKeys(),
      pkceMethods,
      interactionUrl,
      invalidTarget: (description) => new errors.InvalidTarget(description),
      ...(options.ttl ? { ttl: options.ttl } : {}),
      findAccount: (_ctx, sub) => (sub === DEMO_ACCOUNT.sub ? { accountId: sub, claims: () => ({ ...DEMO_ACCOUNT }) } : undefined),
    });
    options.configure?.(configuration);
    provider = await withoutExpectedNotices(() => new ProviderClass(issuer, configuration));
  } catch (err) {
    await closeServer(server);
    throw err;
  }

  const grantErrors: Error[] = [];
  const tokenRequests: CapturedTokenRequest[] = [];
  const tokenPath = provider.pathFor('token');
  const authorizationPath = provider.pathFor('authorization');
  provider.on('grant.error', (_ctx: unknown, err: Error) => grantErrors.push(err));
  // Unexpected failures inside the provider would otherwise be a bare 500 with no trace.
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('demo IdP server_error:', err));
  provider.use(async (ctx, next) => {
    const receivedAt = performance.now();
    if (ctx.method === 'GET' && ctx.path === authorizationPath) ctx.querystring = withConsentForOfflineAccess(ctx.querystring);
    try {
      await next();
    } finally {
      if (ctx.method === 'POST' && ctx.path === tokenPath) {
        const body = (ctx.oidc as { body?: Record<string, string | string[]> } | undefined)?.body ?? {};
        tokenRequests.push({ headers: { ...ctx.request.headers }, body: { ...body }, query: { ...(ctx.query as Record<string, string | string[]>) }, receivedAt });
      }
    }
  });
  started.ready = { provider, callback: provider.callback() };

  const url = (name: string) => new URL(provider.pathFor(name), issuer).href;
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    authorizationEndpoint: url('authorization'),
    tokenEndpoint: url('token'),
    userinfoEndpoint: url('userinfo'),
    revocationEndpoint: url('revocation'),
    introspectionEndpoint: url('introspection'),
    endSessionEndpoint: url('end_session'),
    jwksUri: url('jwks'),
    pkceMethods,
    providerVersion,
    clients: DEMO_CLIENTS,
    user: { ...DEMO_USER },
    grantErrors,
    tokenRequests,
    close: () => closeServer(server),
  };
}

/**
 * One readable line from a `grant.error`: oidc-provider 9 keeps the reason in `cause`
 * ("code_verifier does not match code_challenge"), oidc-provider 8 in `error_detail`
 * ("PKCE verification failed"); the `message` alone is just the OAuth error code.
 */
export function grantErrorDetail(err: Error): string {
  const extra = err as Error & { error_description?: unknown; error_detail?: unknown; cause?: unknown };
  const cause = extra.cause instanceof Error ? extra.cause.message : extra.cause;
  const parts = [err.message, extra.error_description, extra.error_detail, cause].filter((part): part is string => typeof part === 'string' && part !== '');
  return [...new Set(parts)].join(': ');
}

async function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Browsers keep connections alive; without this, close() waits for them to time out.
    server.closeAllConnections();
  });
}
