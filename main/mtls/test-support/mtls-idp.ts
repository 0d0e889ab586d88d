// For tests: the demo IdP's oidc-provider 9 with mutual TLS (RFC 8705), over HTTPS. Two listeners
// serve the same provider: the issuer's (no client certificate asked), and the mTLS one that asks
// every client for a certificate, published as `mtls_endpoint_aliases` — so a token request only
// authenticates when the app goes to the alias. Two clients: `tls_client_auth` (registered by the
// certificate's subject DN, issued by the test CA) and `self_signed_tls_client_auth` (registered by
// its self-signed certificate in `jwks.x5c`); both get certificate-bound access tokens.
import { X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ClientMetadata, KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_ACCOUNT, DEMO_USER, HOST, NATIVE_REDIRECT_URIS, providerConfiguration, SCOPES } from '../../../demo-idp/config';
import { handleInteraction, INTERACTION_PREFIX, interactionUrl } from '../../../demo-idp/interactions';
import { generateCookieKeys, generateSigningJwks } from '../../../demo-idp/keys';
import { withoutExpectedNotices } from '../../../demo-idp/quiet-notices';
import type { TestPki } from './test-pki';

export const MTLS_CLIENTS = { caIssued: 'pkce-inspector-mtls', selfSigned: 'pkce-inspector-mtls-self-signed' } as const;

export interface MtlsIdp {
  issuer: string;
  authorizationEndpoint: string;
  /** The issuer's token endpoint (asks for no certificate) and its mTLS alias. */
  tokenEndpoint: string;
  mtlsTokenEndpoint: string;
  mtlsOrigin: string;
  user: { login: string; password: string };
  /** Why token requests failed (oidc-provider's `grant.error`), in order. */
  grantErrors: Error[];
  close(): Promise<void>;
}

const peerCertificate = (ctx: KoaContextWithOIDC) => (ctx.req.socket as TLSSocket).getPeerX509Certificate?.();
/** A subject as one comma-separated line, the form the client registration uses. */
const subjectLine = (certificate: X509Certificate) => certificate.subject.split('\n').join(', ');

export async function startMtlsIdp(pki: TestPki): Promise<MtlsIdp> {
  const started: { callback?: (req: IncomingMessage, res: ServerResponse) => void; provider?: Parameters<typeof handleInteraction>[0] } = {};
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!started.callback || !started.provider) return void res.writeHead(503).end('Starting');
    if ((req.url ?? '').startsWith(INTERACTION_PREFIX)) return void handleInteraction(started.provider, req, res);
    started.callback(req, res);
  };
  const tls = { key: pki.server.keyPem, cert: pki.server.certPem };
  const main = createServer(tls, handler);
  // Self-signed client certificates must get through the handshake: the provider decides (certificateAuthorized).
  const mtls = createServer({ ...tls, ca: pki.ca.certPem, requestCert: true, rejectUnauthorized: false }, handler);
  const [issuerPort, mtlsPort] = [await listen(main), await listen(mtls)];
  const issuer = `https://${HOST}:${issuerPort}`;
  const mtlsOrigin = `https://${HOST}:${mtlsPort}`;

  const { default: Provider, errors } = await withoutExpectedNotices(() => import('oidc-provider'));
  const base = providerConfiguration({
    jwks: await generateSigningJwks(),
    cookieKeys: generateCookieKeys(),
    pkceMethods: ['S256'],
    interactionUrl,
    invalidTarget: (description) => new errors.InvalidTarget(description),
    findAccount: (_ctx, sub) => (sub === DEMO_ACCOUNT.sub ? { accountId: sub, claims: () => ({ ...DEMO_ACCOUNT }) } : undefined),
  });
  const selfSigned = new X509Certificate(pki.selfSigned.certPem);
  const client = (clientId: string, extra: Partial<ClientMetadata>): ClientMetadata => ({
    client_id: clientId,
    application_type: 'native',
    redirect_uris: [...NATIVE_REDIRECT_URIS],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: SCOPES.join(' '),
    tls_client_certificate_bound_access_tokens: true,
    ...extra,
  });
  const provider = await withoutExpectedNotices(
    () =>
      new Provider(issuer, {
        ...base,
        clientAuthMethods: ['tls_client_auth', 'self_signed_tls_client_auth'],
        clients: [
          client(MTLS_CLIENTS.caIssued, { token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: pki.client.subject }),
          client(MTLS_CLIENTS.selfSigned, {
            token_endpoint_auth_method: 'self_signed_tls_client_auth',
            jwks: { keys: [{ ...selfSigned.publicKey.export({ format: 'jwk' }), x5c: [selfSigned.raw.toString('base64')] }] },
          }),
        ],
        features: {
          ...base.features,
          mTLS: {
            enabled: true,
            certificateBoundAccessTokens: true,
            tlsClientAuth: true,
            selfSignedTlsClientAuth: true,
            // The peer certificate of this TLS connection (none on the issuer's listener).
            getCertificate: (ctx) => peerCertificate(ctx),
            certificateAuthorized: (ctx) => (ctx.req.socket as TLSSocket).authorized,
            certificateSubjectMatches: (ctx, property, expected) => {
              const certificate = peerCertificate(ctx);
              return property === 'tls_client_auth_subject_dn' && certificate !== undefined && subjectLine(certificate) === expected;
            },
          },
        },
        discovery: {
          mtls_endpoint_aliases: {
            token_endpoint: `${mtlsOrigin}/token`,
            revocation_endpoint: `${mtlsOrigin}/token/revocation`,
            introspection_endpoint: `${mtlsOrigin}/token/introspection`,
            userinfo_endpoint: `${mtlsOrigin}/me`,
          },
        },
      }),
  );
  const grantErrors: Error[] = [];
  provider.on('grant.error', (_ctx: unknown, err: Error) => grantErrors.push(err));
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('mTLS IdP server_error:', err));
  started.provider = provider;
  started.callback = provider.callback();
  return {
    issuer,
    authorizationEndpoint: new URL(provider.pathFor('authorization'), issuer).href,
    tokenEndpoint: new URL(provider.pathFor('token'), issuer).href,
    mtlsTokenEndpoint: `${mtlsOrigin}/token`,
    mtlsOrigin,
    user: { ...DEMO_USER },
    grantErrors,
    close: async () => {
      await Promise.all([close(main), close(mtls)]);
    },
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
