// ID token validation and RFC 9207 against the REAL oidc-provider of demo-idp/, signing in through
// its own pages. Negative cases alter the token response in transit through a proxy in front of the
// real token endpoint: a payload changed without re-signing, or a token re-signed with the IdP's own
// key (the test holds it) so that exactly one claim is wrong and exactly one row fails.
import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginOverHttp } from '../../demo-idp/http-login';
import { generateSigningJwks } from '../../demo-idp/keys';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import type { DemoClient } from '../../demo-idp/config';
import { DEFAULT_SCHEME_CALLBACK } from '../../shared/app-identity';
import type { FlowSnapshot } from '../../shared/flow-types';
import { OidcMetadataSchema, type DiscoveredMetadata } from '../../shared/oidc/metadata';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { FlowEngine } from '../flow/flow-engine';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { startTokenProxy, type TokenProxy } from '../flow/test-support/token-proxy';

type SigningJwks = Awaited<ReturnType<typeof generateSigningJwks>>;
let signingJwks: SigningJwks;
let idp: DemoIdp;
let metadata: DiscoveredMetadata;
let proxy: TokenProxy;

async function discover(target: DemoIdp): Promise<DiscoveredMetadata> {
  const document = await (await fetch(target.discoveryUrl)).json();
  return { source: target.discoveryUrl, fetchedAt: new Date().toISOString(), metadata: OidcMetadataSchema.parse(document) };
}

beforeAll(async () => {
  signingJwks = await generateSigningJwks();
  idp = await startDemoIdp({ port: 0, signingJwks });
  metadata = await discover(idp);
  proxy = await startTokenProxy(idp.tokenEndpoint);
});
afterAll(async () => {
  await proxy?.close();
  await idp?.close();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  proxy.rewrite = (json) => json;
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function newEngine(): FlowEngine {
  const engine = new FlowEngine({ launcher: new RecordingLauncher() });
  cleanups.push(() => engine.dispose());
  return engine;
}

function settingsFor(target: DemoIdp, client: DemoClient, overrides: Partial<FlowSettings> = {}): FlowSettings {
  return {
    ...defaultFlowSettings(),
    authorizeMode: 'browser-scheme',
    callbackUrl: DEFAULT_SCHEME_CALLBACK,
    authUrl: target.authorizationEndpoint,
    accessTokenUrl: target.tokenEndpoint,
    clientId: client.clientId,
    scope: 'openid profile email',
    issuer: target.issuer,
    metadata,
    ...overrides,
  };
}

/** Starts a flow, signs in through the IdP's pages, and delivers the (possibly altered) redirect as a deep link. */
async function runFlow(engine: FlowEngine, settings: FlowSettings, options: { secret?: string | null; alterRedirect?: (url: URL) => void; target?: DemoIdp } = {}): Promise<FlowSnapshot> {
  const target = options.target ?? idp;
  const started = await engine.start({ settings, profileId: null, clientSecret: options.secret ?? null });
  const redirect = new URL(await loginOverHttp(started.authorizationUrl, { login: target.user.login, password: target.user.password, isFinalRedirect: (u) => !u.startsWith(target.issuer) }));
  options.alterRedirect?.(redirect);
  await engine.handleRedirect(redirect.href, 'deep-link');
  return engine.get(started.flowId)!;
}

const rows = (flow: FlowSnapshot) => flow.tokens?.validation?.idToken?.rows ?? [];
const failing = (flow: FlowSnapshot) => rows(flow).filter((r) => r.verdict === 'fail').map((r) => r.name);
const notes = (flow: FlowSnapshot) => flow.trace.flatMap((t) => (t.kind === 'note' ? [t.message] : []));
const leftHalfSha256 = (value: string) => createHash('sha256').update(value, 'ascii').digest().subarray(0, 16).toString('base64url');

/** The ID token with claims changed, signed again with the IdP's own key: only those claims are wrong. */
async function resigned(idToken: string, changes: Record<string, unknown>): Promise<string> {
  const [jwk] = signingJwks.keys;
  const header = decodeProtectedHeader(idToken);
  return new SignJWT({ ...decodeJwt(idToken), ...changes }).setProtectedHeader({ ...header, alg: 'RS256', kid: String(jwk?.kid) }).sign(await importJWK(jwk as never, 'RS256'));
}

function rewriteIdToken(change: (idToken: string) => string | Promise<string>): void {
  proxy.rewrite = async (json) => ({ ...json, id_token: await change(String(json.id_token)) });
}

describe('ID token validation × oidc-provider', () => {
  it('passes every check of a real ID token, or says why it could not check it', async () => {
    expect(metadata.metadata).toMatchObject({ issuer: idp.issuer, jwks_uri: idp.jwksUri, authorization_response_iss_parameter_supported: true });
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public));
    expect(flow.status).toBe('done');
    expect(flow.tokens?.validation?.idToken?.informational).toBe(false);
    const byName = Object.fromEntries(rows(flow).map((r) => [r.name, r]));
    expect(Object.keys(byName)).toHaveLength(11);
    for (const name of ['Signature', 'Issuer (iss)', 'Audience (aud)', 'Expiry (exp)', 'Issued at (iat)', 'Nonce'] as const) expect(byName[name]?.verdict, name).toBe('pass');
    for (const r of rows(flow)) {
      expect(['pass', 'not checked'], `${r.name}: ${r.reason}`).toContain(r.verdict);
      expect(r.reason.length).toBeGreaterThan(10);
    }
    expect(byName.Signature?.reason).toBe(`RS256 signature verified with key kid "${String(signingJwks.keys[0]?.kid)}" from ${idp.jwksUri}`);
    expect(byName['Issuer (iss)']?.reason).toBe(`iss "${idp.issuer}" equals the issuer`);
    expect(notes(flow)).toEqual(expect.arrayContaining([expect.stringContaining(`Fetched the JWKS from ${idp.jwksUri}`), expect.stringMatching(/^ID token: no check failed/)]));
  });

  it('checks the signature of a JWT access token (RFC 9068) for information', async () => {
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public, { scope: 'openid api:read', resource: 'urn:pkce-inspector:demo-api' }));
    expect(flow.tokens?.validation?.accessToken).toEqual({
      informational: true,
      rows: [
        { name: 'Signature', verdict: 'pass', reason: expect.stringContaining('signature verified') },
        { name: 'Issuer (iss)', verdict: 'pass', reason: `iss "${idp.issuer}" equals the issuer` },
        { name: 'Expiry (exp)', verdict: 'pass', reason: expect.stringContaining('is in the future') },
      ],
    });
    expect(failing(flow)).toEqual([]);
  });

  it('fails only Signature when the payload was altered in transit', async () => {
    rewriteIdToken((token) => {
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
      return [header, Buffer.from(JSON.stringify({ ...claims, name: 'Mallory Admin' })).toString('base64url'), signature].join('.');
    });
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public, { accessTokenUrl: proxy.url }));
    expect(flow.status).toBe('done'); // the tokens are still shown
    expect(failing(flow)).toEqual(['Signature']);
    expect(rows(flow)[0]?.reason).toContain('does not verify');
  });

  it.each([
    ['a wrong nonce', { nonce: 'a-nonce-from-another-request' }, 'Nonce'],
    ['another audience', { aud: 'another-client' }, 'Audience (aud)'],
    ['an expiry in the past', { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, 'Expiry (exp)'],
    ['the at_hash of another access token', { at_hash: leftHalfSha256('another-access-token') }, 'Access token hash (at_hash)'],
  ] as const)('fails only its row for %s (re-signed with the IdP key)', async (_what, changes, row) => {
    rewriteIdToken((token) => resigned(token, changes));
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public, { accessTokenUrl: proxy.url }));
    expect(failing(flow)).toEqual([row]);
    expect(notes(flow).at(-1)).toMatch(new RegExp(`^ID token: ${row.replace(/[()]/g, '\\$&')} fail`));
  });

  it('passes an at_hash that is the left half of SHA-256 of the real access token', async () => {
    proxy.rewrite = async (json) => ({ ...json, id_token: await resigned(String(json.id_token), { at_hash: leftHalfSha256(String(json.access_token)) }) });
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public, { accessTokenUrl: proxy.url }));
    expect(rows(flow).find((r) => r.name === 'Access token hash (at_hash)')).toMatchObject({ verdict: 'pass', reason: expect.stringContaining('equals the left half of SHA-256 of the access token') });
    expect(failing(flow)).toEqual([]);
  });

  it('checks auth_time when max_age was sent', async () => {
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public, { extraAuthParams: [{ key: 'max_age', value: '300', enabled: true }] }));
    expect(rows(flow).find((r) => r.name === 'Auth time (auth_time)')).toMatchObject({ verdict: 'pass', reason: expect.stringContaining('within max_age=300 s') });
  });

  it('fails only Signature for alg none', async () => {
    rewriteIdToken((token) => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${token.split('.')[1]}.`);
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public, { accessTokenUrl: proxy.url }));
    expect(failing(flow)).toEqual(['Signature']);
    expect(rows(flow)[0]?.reason).toContain('alg "none"');
  });

  it('fetches the keys again when the IdP rotated them between flows', async () => {
    const engine = newEngine();
    const first = await startDemoIdp({ port: 0 });
    const port = new URL(first.issuer).port;
    let second: DemoIdp | undefined;
    try {
      const firstMeta = await discover(first);
      expect(failing(await runFlow(engine, settingsFor(first, first.clients.public, { metadata: firstMeta }), { target: first }))).toEqual([]);
      await first.close();
      second = await startDemoIdp({ port: Number(port) }); // the same issuer, new signing keys
      const flow = await runFlow(engine, settingsFor(second, second.clients.public, { metadata: firstMeta }), { target: second });
      expect(rows(flow)[0]).toMatchObject({ name: 'Signature', verdict: 'pass' });
      expect(notes(flow)).toEqual(expect.arrayContaining([expect.stringMatching(/^No key for kid .* in the cached JWKS: fetched it again/)]));
    } finally {
      await first.close().catch(() => undefined);
      await second?.close();
    }
  });
});

describe('redirect checks × oidc-provider: no token request for a mix-up or a malformed redirect', () => {
  it.each([
    ['missing', (url: URL) => url.searchParams.delete('iss'), 'carries no iss'],
    ['different', (url: URL) => url.searchParams.set('iss', 'https://evil.example.test'), `iss="https://evil.example.test", but the issuer is "`],
  ])('fails the flow when iss is %s while the IdP advertises it (RFC 9207)', async (_what, alter, words) => {
    const before = idp.tokenRequests.length;
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public), { alterRedirect: alter });
    expect(flow.status).toBe('failed');
    expect(flow.error).toMatchObject({ kind: 'issuer_mismatch', message: expect.stringContaining(words) });
    expect(flow.error?.message).toContain(idp.issuer);
    expect(flow.trace.some((t) => t.kind === 'token_request')).toBe(false);
    expect(idp.tokenRequests.length - before).toBe(0);
  });

  it('goes on with "Allow issuer mismatch (mix-up test)", and the trace says so', async () => {
    const before = idp.tokenRequests.length;
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public, { allowIssuerMismatch: true }), { alterRedirect: (url) => url.searchParams.set('iss', 'https://evil.example.test') });
    expect(flow.status).toBe('done');
    expect(notes(flow)).toContainEqual(expect.stringContaining('"Allow issuer mismatch (mix-up test)" is ticked'));
    expect(idp.tokenRequests.length - before).toBe(1);
  });

  it('only warns about a different iss without metadata', async () => {
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public, { metadata: null, issuer: '' }), { alterRedirect: (url) => url.searchParams.set('iss', 'https://evil.example.test') });
    expect(flow.status).toBe('done');
    expect(notes(flow)).toContainEqual(expect.stringContaining('on another host than the Auth URL'));
  });

  it.each([
    ['a duplicated code', (url: URL) => url.searchParams.append('code', 'injected-code'), 'code appears more than once'],
    ['code together with error', (url: URL) => url.searchParams.append('error', 'access_denied'), 'both code and error'],
  ])('fails %s as a malformed redirect with no token request', async (_what, alter, words) => {
    const before = idp.tokenRequests.length;
    const flow = await runFlow(newEngine(), settingsFor(idp, idp.clients.public), { alterRedirect: alter });
    expect(flow.error).toMatchObject({ kind: 'malformed_redirect', message: expect.stringContaining(words) });
    expect(idp.tokenRequests.length - before).toBe(0);
  });
});
