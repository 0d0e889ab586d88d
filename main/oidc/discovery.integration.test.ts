// Discover against the REAL oidc-provider (at the root, and mounted under a path prefix the way a
// multi-tenant IdP is), an RFC 8414-only server, and local servers that answer the ways real
// deployments go wrong. Every case goes over a real socket.
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { startForeignIdp, type ForeignIdp } from '../../e2e/support/foreign-idp';
import type { TraceEntry } from '../../shared/flow-types';
import type { DiscoveryOutcome } from '../../shared/oidc/discovery-result';
import { closedPort, sendJson, startLocalServer, type LocalServer, type RecordedRequest } from '../flow/test-support/local-server';
import { discoverMetadata } from './discovery';
import { startRfc8414OnlyServer } from './test-support/metadata-server';

let demo: DemoIdp;
let foreign: ForeignIdp;
beforeAll(async () => {
  [demo, foreign] = await Promise.all([
    startDemoIdp({ port: 0 }),
    // The redirect URIs are never used here: discovery only.
    startForeignIdp({ postRedirectUri: 'http://127.0.0.1:1/post/cb', basicRedirectUri: 'http://127.0.0.1:1/basic/cb' }),
  ]);
});
afterAll(async () => {
  await Promise.all([demo?.close(), foreign?.close()]);
});

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function server(handler: (req: RecordedRequest, res: ServerResponse) => unknown): Promise<LocalServer> {
  const s = await startLocalServer(handler);
  servers.push(s);
  return s;
}

function failure(outcome: DiscoveryOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got metadata from ${outcome.discovered.source}`);
  return outcome.error;
}
function success(outcome: DiscoveryOutcome) {
  if (!outcome.ok) throw new Error(`expected metadata, got ${outcome.error.kind}: ${outcome.error.message}`);
  return outcome;
}
const kinds = (trace: TraceEntry[]) => trace.map((e) => (e.kind === 'token_response' ? e.status : e.kind === 'note' ? `${e.level}: ${e.message}` : e.kind));

describe('Discover against oidc-provider', () => {
  it('reads the demo IdP: endpoints, keys and capabilities, with the request and raw document in the trace', async () => {
    const outcome = success(await discoverMetadata(demo.issuer));
    expect(outcome.discovered.source).toBe(demo.discoveryUrl);
    expect(outcome.discovered.metadata).toMatchObject({
      issuer: demo.issuer,
      authorization_endpoint: demo.authorizationEndpoint,
      token_endpoint: demo.tokenEndpoint,
      jwks_uri: demo.jwksUri,
      userinfo_endpoint: demo.userinfoEndpoint,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: expect.arrayContaining(['code']),
      scopes_supported: expect.arrayContaining(['openid', 'offline_access']),
    });
    expect(outcome.discovered.metadata.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['none', 'client_secret_basic', 'client_secret_post']));
    expect(Date.parse(outcome.discovered.fetchedAt)).not.toBeNaN();
    expect(outcome.warnings).toEqual([]);
    const [request, response] = outcome.trace;
    expect(request).toMatchObject({ kind: 'note', message: `GET ${demo.discoveryUrl} (Accept: application/json)` });
    expect(response).toMatchObject({ kind: 'token_response', status: 200 });
    // The raw document as received, including what is not kept (e.g. claims_supported).
    const raw = JSON.parse((response as Extract<TraceEntry, { kind: 'token_response' }>).body);
    expect(raw.issuer).toBe(demo.issuer);
    expect(raw.claims_supported).toBeDefined();
    expect(outcome.discovered.metadata).not.toHaveProperty('claims_supported');
  });

  it('discovers an issuer with a path: the well-known path goes after it (prefix-mounted provider)', async () => {
    expect(new URL(foreign.issuer).pathname).toBe('/tenants/acme');
    const outcome = success(await discoverMetadata(foreign.issuer));
    expect(outcome.discovered.source).toBe(`${foreign.issuer}/.well-known/openid-configuration`);
    expect(outcome.discovered.metadata.authorization_endpoint).toBe(foreign.authorizationEndpoint);
    expect(outcome.discovered.metadata.token_endpoint).toBe(foreign.tokenEndpoint);
    expect(outcome.discovered.metadata.jwks_uri).toBe(`${foreign.issuer}/oauth2/keys`);
  });

  it('refuses the document when the Issuer typed differs, even by a terminating slash, and shows both values', async () => {
    const error = failure(await discoverMetadata(`${foreign.issuer}/`));
    expect(error).toMatchObject({ kind: 'issuer_mismatch', expected: `${foreign.issuer}/`, received: foreign.issuer });
    expect(error.message).toContain(`“${foreign.issuer}”`);
    expect(error.message).toContain(`“${foreign.issuer}/”`);
    expect(error.message).toMatch(/Discovery 4\.3/);
    expect(error.message).toMatch(/only by a terminating slash/);
  });
});

describe('Discover: the RFC 8414 fallback', () => {
  it('on a 404 for the OpenID Connect URL, reads RFC 8414 metadata with the path after the well-known path', async () => {
    const as = await startRfc8414OnlyServer('/oauth/tenant-a');
    servers.push(as);
    const outcome = success(await discoverMetadata(as.issuer));
    expect(as.requests.map((r) => r.url)).toEqual(['/oauth/tenant-a/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/oauth/tenant-a']);
    expect(outcome.discovered.source).toBe(`${as.url}/.well-known/oauth-authorization-server/oauth/tenant-a`);
    expect(outcome.discovered.metadata).toMatchObject({ issuer: as.issuer, authorization_endpoint: `${as.issuer}/authorize`, revocation_endpoint: `${as.issuer}/revoke` });
    expect(kinds(outcome.trace)).toEqual([
      expect.stringMatching(/^info: GET .*openid-configuration/),
      404,
      expect.stringMatching(/^info: No OpenID Connect metadata \(404\)/),
      expect.stringMatching(/^info: GET .*oauth-authorization-server/),
      200,
    ]);
  });

  it('says which URLs it tried when neither has metadata', async () => {
    const s = await server((_req, res) => res.writeHead(404).end());
    const error = failure(await discoverMetadata(`${s.url}/t`));
    expect(error.kind).toBe('not_found');
    expect(error.message).toContain(`${s.url}/t/.well-known/openid-configuration`);
    expect(error.message).toContain(`${s.url}/.well-known/oauth-authorization-server/t`);
    expect(s.requests).toHaveLength(2);
  });
});

describe('Discover: answers a person must act on', () => {
  it('a 500 HTML page: the status and the text of the page', async () => {
    const s = await server((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><head><title>Oops</title><style>p{}</style></head><body><h1>Internal Server Error</h1><p>Upstream   down</p></body></html>');
    });
    const outcome = await discoverMetadata(s.url);
    const error = failure(outcome);
    expect(error).toMatchObject({ kind: 'http_status', httpStatus: 500, bodyExcerpt: 'Oops Internal Server Error Upstream down' });
    expect(error.message).toContain('500 Internal Server Error');
    expect(error.message).toContain('an HTML page: “Oops Internal Server Error Upstream down”');
    // No fallback after a 500: only a 404 means "not here".
    expect(s.requests).toHaveLength(1);
    expect(kinds(outcome.trace)).toEqual([expect.stringMatching(/^info: GET/), 500, expect.stringMatching(/^error: /)]);
  });

  it('a 200 HTML page (a sign-in page, a web site): not JSON', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Welcome to Example Corp</body></html>');
    });
    const error = failure(await discoverMetadata(s.url));
    expect(error).toMatchObject({ kind: 'not_json', httpStatus: 200, bodyExcerpt: 'Welcome to Example Corp' });
    expect(error.message).toMatch(/not with JSON metadata/);
  });

  it('JSON that is not metadata', async () => {
    const s = await server((_req, res) => sendJson(res, 200, { hello: 'world' }));
    expect(failure(await discoverMetadata(s.url))).toMatchObject({ kind: 'invalid_document', message: expect.stringMatching(/has no issuer/) });
  });

  it('a document for another issuer is refused (OpenID Connect Discovery 4.3)', async () => {
    const s = await server((_req, res) => sendJson(res, 200, { issuer: 'https://evil.example', authorization_endpoint: 'https://evil.example/authorize' }));
    const error = failure(await discoverMetadata(s.url));
    expect(error).toMatchObject({ kind: 'issuer_mismatch', expected: s.url, received: 'https://evil.example' });
    expect(error.message).not.toMatch(/terminating slash/);
  });

  it('a redirect is reported, never followed', async () => {
    const target = await server((_req, res) => sendJson(res, 200, { issuer: 'x' }));
    const s = await server((_req, res) => res.writeHead(302, { location: `${target.url}/elsewhere` }).end());
    const error = failure(await discoverMetadata(s.url));
    expect(error).toMatchObject({ kind: 'redirect', httpStatus: 302 });
    expect(error.message).toContain(`redirecting to ${target.url}/elsewhere`);
    expect(target.requests).toHaveLength(0);
  });

  it('a server that never answers: timeout, naming the Issuer', async () => {
    const s = await server(() => {
      /* never answers */
    });
    const error = failure(await discoverMetadata(s.url, { timeoutMs: 300 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/discovery endpoint .* did not answer within/);
    expect(error.message).toContain('Issuer');
  });

  it('nothing listening: connection refused', async () => {
    const port = await closedPort();
    const error = failure(await discoverMetadata(`http://127.0.0.1:${port}`));
    expect(error.kind).toBe('connection_refused');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('a document past the size cap is not read', async () => {
    const s = await server((_req, res) => sendJson(res, 200, { issuer: 'x', padding: 'p'.repeat(300 * 1024) }));
    expect(failure(await discoverMetadata(s.url)).kind).toBe('response_too_large');
  });

  it('keeps the fields of the right type and says which were ignored, and a Content-Type that is not JSON', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(JSON.stringify({ issuer: s.url, authorization_endpoint: `${s.url}/authorize`, token_endpoint: 'token', scopes_supported: 'openid profile', require_pushed_authorization_requests: 'yes' }));
    });
    const outcome = success(await discoverMetadata(s.url));
    expect(outcome.discovered.metadata).toEqual({ issuer: s.url, authorization_endpoint: `${s.url}/authorize`, token_endpoint: 'token' });
    expect(outcome.warnings).toEqual([
      'require_pushed_authorization_requests was ignored ("yes"): Invalid input: expected boolean, received string.',
      'scopes_supported was ignored ("openid profile"): Invalid input: expected array, received string.',
      'token_endpoint “token” is not an absolute http(s) URL.',
      'The document was read as JSON although its Content-Type is “text/plain” (the specifications want application/json).',
    ]);
    expect(outcome.trace.filter((e) => e.kind === 'note' && e.level === 'warning')).toHaveLength(4);
  });

  it('refuses an Issuer it cannot discover without sending anything', async () => {
    const outcome = await discoverMetadata('https://login.microsoftonline.com/{tenant}/v2.0');
    expect(failure(outcome)).toMatchObject({ kind: 'invalid_issuer', message: 'Replace {tenant} in the Issuer first.' });
    expect(outcome.trace).toEqual([]);
  });
});
