// A small authorization server that publishes its metadata ONLY where RFC 8414 puts it
// (`/.well-known/oauth-authorization-server/{path}`), as a plain OAuth 2.0 server without OpenID
// Connect does: the OpenID Connect URL answers 404. Every request is recorded.
import { sendJson, startLocalServer, type LocalServer } from '../../flow/test-support/local-server';

export interface Rfc8414Server extends LocalServer {
  issuer: string;
  metadata: Record<string, unknown>;
}

export async function startRfc8414OnlyServer(issuerPath = '/oauth/tenant-a'): Promise<Rfc8414Server> {
  const state: { metadata?: Record<string, unknown> } = {};
  const server = await startLocalServer((req, res) => {
    if (req.method === 'GET' && req.url === `/.well-known/oauth-authorization-server${issuerPath}` && state.metadata) return sendJson(res, 200, state.metadata);
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>');
  });
  const issuer = `${server.url}${issuerPath}`;
  state.metadata = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    revocation_endpoint: `${issuer}/revoke`,
    introspection_endpoint: `${issuer}/introspect`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'],
  };
  return { ...server, issuer, metadata: state.metadata };
}
