// The flow engine against the REAL oidc-provider of demo-idp/ on 127.0.0.1, logging in through the
// provider's own login and consent pages over HTTP. Each flow is driven the way the app drives it:
// start() → the user signs in (loginOverHttp) → the redirect reaches the engine (the loopback
// listener over HTTP, or handleRedirect for a deep link / pasted URL) → the token request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from 'tough-cookie';
import { grantErrorDetail, startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { loginOverHttp, type HttpLoginOptions } from '../../demo-idp/http-login';
import type { DemoClient } from '../../demo-idp/config';
import { DEFAULT_SCHEME_CALLBACK } from '../../shared/app-identity';
import type { FlowSnapshot } from '../../shared/flow-types';
import { decodeJwtForDisplay } from '../../shared/jwt';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { basicAuthorization, buildTokenRequest } from '../../shared/token-request';
import { FlowEngine, type FlowEngineOptions } from './flow-engine';
import { RecordingLauncher } from './test-support/recording-launcher';
import { closedPort, startLocalServer } from './test-support/local-server';

let idp: DemoIdp;
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0 });
});
afterAll(async () => {
  await idp?.close();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function engine(options: Partial<FlowEngineOptions> = {}) {
  const launcher = new RecordingLauncher();
  const notices: string[] = [];
  const e = new FlowEngine({ launcher, onNotice: (n) => notices.push(n.message), ...options });
  cleanups.push(() => e.dispose());
  return { engine: e, launcher, notices };
}

function settingsFor(target: DemoIdp, client: DemoClient, overrides: Partial<FlowSettings> = {}): FlowSettings {
  return {
    ...defaultFlowSettings(),
    authUrl: target.authorizationEndpoint,
    accessTokenUrl: target.tokenEndpoint,
    clientId: client.clientId,
    scope: 'openid profile email',
    clientAuthentication: client.tokenEndpointAuthMethod === 'client_secret_post' ? 'body' : 'basic',
    ...overrides,
  };
}

/** Signs in through the IdP's pages; returns the redirect URL without following it. */
function signIn(target: DemoIdp, snapshot: FlowSnapshot, options: HttpLoginOptions = {}): Promise<string> {
  return loginOverHttp(snapshot.authorizationUrl, { login: target.user.login, password: target.user.password, isFinalRedirect: (u) => !u.startsWith(target.issuer), ...options });
}

/** What a browser does with a loopback redirect: request it from the listener. Returns the page. */
async function deliverToLoopback(redirect: string): Promise<{ status: number; page: string }> {
  const res = await fetch(redirect);
  return { status: res.status, page: await res.text() };
}

const newRequests = (since: number) => idp.tokenRequests.slice(since);

describe('flow engine × oidc-provider (S256)', () => {
  it('completes a public-client flow over an ephemeral loopback port; the IdP sees no client authentication', async () => {
    const { engine: e, launcher } = engine();
    const before = idp.tokenRequests.length;
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public), profileId: null, clientSecret: null });
    expect(started.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(launcher.opened[0]?.url).toBe(started.authorizationUrl);

    const redirect = await signIn(idp, started);
    expect(redirect.startsWith(`${started.redirectUri}?code=`)).toBe(true);
    const { status, page } = await deliverToLoopback(redirect);
    expect(status).toBe(200);
    expect(page).toContain('Sign-in received');

    const done = e.get(started.flowId)!;
    expect(done.status).toBe('done');
    expect(done.tokens?.accessToken).toBeTruthy();
    const idToken = decodeJwtForDisplay(done.tokens!.idToken!);
    expect(idToken.ok && idToken.payload).toMatchObject({ nonce: started.nonce, aud: idp.clients.public.clientId, iss: idp.issuer, sub: 'demo-user-0001' });
    expect(done.trace.filter((t) => t.kind === 'note')).toEqual([
      expect.objectContaining({ level: 'info', message: expect.stringContaining(`issuer ${idp.issuer} (RFC 9207)`) }),
      // No Issuer, metadata or JWKS URI here: the checks that need them say so (main/oidc tests the rest).
      expect.objectContaining({ level: 'info', message: expect.stringMatching(/^ID token: no check failed\. Not checked: Signature, Issuer \(iss\)/) }),
    ]);
    expect(done.tokens?.validation?.idToken?.rows.find((r) => r.name === 'Nonce')).toMatchObject({ verdict: 'pass' });

    const [seen] = newRequests(before);
    expect(newRequests(before)).toHaveLength(1);
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.body.client_secret).toBeUndefined();
    expect(seen?.body.client_id).toBe(idp.clients.public.clientId);
    expect(seen?.body.code_verifier).toBe(started.pkce.verifier);
  });

  it('listens on a fixed loopback port when the Callback URL names one', async () => {
    const port = await closedPort();
    const { engine: e } = engine();
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public, { callbackUrl: `http://127.0.0.1:${port}/callback` }), profileId: null, clientSecret: null });
    expect(started.redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
    await deliverToLoopback(await signIn(idp, started));
    expect(e.get(started.flowId)?.status).toBe('done');
  });

  it('completes a custom-scheme flow delivered as a deep link', async () => {
    const { engine: e } = engine();
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public, { authorizeMode: 'browser-scheme', callbackUrl: DEFAULT_SCHEME_CALLBACK }), profileId: null, clientSecret: null });
    const redirect = await signIn(idp, started);
    expect(redirect.startsWith(`${DEFAULT_SCHEME_CALLBACK}?code=`)).toBe(true);
    expect(await e.handleRedirect(redirect, 'deep-link')).toEqual({ accepted: true, flowId: started.flowId });
    expect(e.get(started.flowId)).toMatchObject({ status: 'done', tokens: { tokenType: 'Bearer' } });
  });

  it('completes an embedded-window flow to https://localhost for a confidential "Web" client', async () => {
    const client = idp.clients.webConfidential;
    const { engine: e, launcher } = engine();
    const started = await e.start({ settings: settingsFor(idp, client, { authorizeMode: 'embedded', callbackUrl: 'https://localhost' }), profileId: null, clientSecret: client.clientSecret });
    expect(launcher.opened[0]).toMatchObject({ mode: 'embedded', redirectUri: 'https://localhost' });
    const redirect = await signIn(idp, started);
    expect(redirect.startsWith('https://localhost/?code=')).toBe(true);
    expect(await e.handleRedirect(redirect, 'embedded')).toEqual({ accepted: true, flowId: started.flowId });
    expect(e.get(started.flowId)?.status).toBe('done');
    expect(launcher.closed).toEqual([started.flowId]);
  });

  it('sends the Origin header a SPA registration needs, and the IdP answers with CORS for it', async () => {
    const client = idp.clients.webPublic;
    const { engine: e } = engine();
    const started = await e.start({ settings: settingsFor(idp, client, { authorizeMode: 'embedded', callbackUrl: 'https://localhost/callback', tokenRequestOrigin: 'https://localhost' }), profileId: null, clientSecret: null });
    await e.handleRedirect(await signIn(idp, started), 'embedded');
    const done = e.get(started.flowId)!;
    expect(done.error).toBeUndefined();
    expect(done.trace.find((t) => t.kind === 'token_request')).toMatchObject({ headers: { origin: 'https://localhost' } });
    expect(done.trace.find((t) => t.kind === 'token_response')).toMatchObject({ headers: { 'access-control-allow-origin': 'https://localhost' } });
  });

  it('shows the IdP refusing a token request from an Origin it does not allow', async () => {
    const client = idp.clients.webPublic;
    const { engine: e } = engine();
    const started = await e.start({ settings: settingsFor(idp, client, { authorizeMode: 'embedded', callbackUrl: 'https://localhost/callback', tokenRequestOrigin: 'https://evil.example' }), profileId: null, clientSecret: null });
    await e.handleRedirect(await signIn(idp, started), 'embedded');
    expect(e.get(started.flowId)?.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_request', httpStatus: 400, errorDescription: expect.stringContaining('origin https://evil.example not allowed') });
  });

  it.each([
    ['confidentialBasic', 'basic'],
    ['confidentialPost', 'body'],
  ] as const)('authenticates the confidential client %s by %s, with a secret holding reserved and non-ASCII characters, and never shows it', async (key, method) => {
    const client = idp.clients[key];
    const secret = client.clientSecret!;
    const updates: FlowSnapshot[] = [];
    const watched = new FlowEngine({ launcher: new RecordingLauncher(), onUpdate: (s) => updates.push(s) });
    cleanups.push(() => watched.dispose());
    const before = idp.tokenRequests.length;
    const started = await watched.start({ settings: settingsFor(idp, client, { clientAuthentication: method }), profileId: null, clientSecret: secret });
    await deliverToLoopback(await signIn(idp, started));
    const done = watched.get(started.flowId)!;
    expect(done.error).toBeUndefined();
    expect(done.status).toBe('done');
    const [seen] = newRequests(before);
    if (method === 'basic') {
      expect(String(seen?.headers.authorization)).toMatch(/^Basic /);
      expect(seen?.body.client_secret).toBeUndefined();
    } else {
      expect(seen?.headers.authorization).toBeUndefined();
      expect(seen?.body.client_secret).toBe(secret);
    }
    const everything = JSON.stringify([done, updates, watched.list()]);
    for (const form of [secret, encodeURIComponent(secret), new URLSearchParams([['s', secret]]).toString().slice(2), basicAuthorization(client.clientId, secret).slice('Basic '.length)]) {
      expect(everything).not.toContain(form);
    }
  });

  it('is refused by the IdP when a confidential client sends no secret (no Authorization header, no client_secret)', async () => {
    const client = idp.clients.confidentialBasic;
    const { engine: e } = engine();
    const before = idp.tokenRequests.length;
    const started = await e.start({ settings: settingsFor(idp, client), profileId: null, clientSecret: '' });
    await deliverToLoopback(await signIn(idp, started));
    expect(e.get(started.flowId)?.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_client', httpStatus: 401 });
    expect(newRequests(before)[0]?.headers.authorization).toBeUndefined();
  });

  it('is refused by the IdP with a wrong secret', async () => {
    const client = idp.clients.confidentialBasic;
    const { engine: e } = engine();
    const started = await e.start({ settings: settingsFor(idp, client), profileId: null, clientSecret: `${client.clientSecret}x` });
    await deliverToLoopback(await signIn(idp, started));
    expect(e.get(started.flowId)?.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_client' });
  });

  it('shows a wrong code_verifier refused by the IdP as invalid_grant, the IdP saying PKCE failed', async () => {
    const { engine: e } = engine();
    const errorsBefore = idp.grantErrors.length;
    const started = await e.start({
      settings: settingsFor(idp, idp.clients.public, { extraTokenParams: [{ key: 'code_verifier', value: 'W'.repeat(43), enabled: true }] }),
      profileId: null,
      clientSecret: null,
    });
    await deliverToLoopback(await signIn(idp, started));
    const failed = e.get(started.flowId)!;
    expect(failed.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_grant', httpStatus: 400 });
    expect(failed.trace.find((t) => t.kind === 'token_request')).toMatchObject({ bodyParams: expect.arrayContaining([['code_verifier', 'W'.repeat(43)]]) });
    const details = idp.grantErrors.slice(errorsBefore).map(grantErrorDetail);
    expect(details.join(' | ')).toMatch(/code_verifier does not match code_challenge/);
  });

  it('shows a missing code_verifier refused by the IdP as invalid_grant, the IdP saying it is required', async () => {
    const { engine: e } = engine();
    const errorsBefore = idp.grantErrors.length;
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public, { omitCodeVerifier: true }), profileId: null, clientSecret: null });
    await deliverToLoopback(await signIn(idp, started));
    expect(e.get(started.flowId)?.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_grant' });
    expect(idp.grantErrors.slice(errorsBefore).map(grantErrorDetail).join(' | ')).toMatch(/code_verifier must be provided/);
  });

  it('refuses a replayed redirect itself, and the IdP refuses a replayed code', async () => {
    const { engine: e, notices } = engine();
    const before = idp.tokenRequests.length;
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public), profileId: null, clientSecret: null });
    const redirect = await signIn(idp, started);
    await deliverToLoopback(redirect);
    expect(e.get(started.flowId)?.status).toBe('done');

    // Routed again (the same URL pasted, then from the browser again): refused by the router as reused
    // state, no token request; the paste hears why itself, the browser's redirect is a notice.
    const again = await e.handleRedirect(redirect, 'manual');
    expect(again).toMatchObject({ accepted: false, reason: expect.stringContaining('already received its redirect') });
    expect(notices).toEqual([]);
    expect(await e.handleRedirect(redirect, 'loopback')).toMatchObject({ accepted: false });
    expect(notices.at(-1)).toContain('refused');
    expect(newRequests(before)).toHaveLength(1);

    // Sent to the IdP directly, the same code with the right verifier is refused: codes are single-use.
    const code = new URL(redirect).searchParams.get('code')!;
    const replay = buildTokenRequest({ tokenUrl: idp.tokenEndpoint, code, redirectUri: started.redirectUri, clientId: idp.clients.public.clientId, codeVerifier: started.pkce.verifier, clientSecret: null, clientAuthentication: 'basic' });
    const res = await fetch(replay.url, { method: 'POST', headers: replay.headers, body: replay.body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a forged redirect with an unknown state without any token request, and the real one still works', async () => {
    const { engine: e, notices } = engine();
    const before = idp.tokenRequests.length;
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public), profileId: null, clientSecret: null });
    const redirect = await signIn(idp, started);
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'attacker-state');
    const page = await deliverToLoopback(forged.href);
    expect(page.status).toBe(400);
    expect(page.page).toContain('No flow is waiting');
    expect(notices).toHaveLength(1);
    expect(newRequests(before)).toHaveLength(0);
    expect(e.get(started.flowId)?.status).toBe('awaiting-redirect');

    await deliverToLoopback(redirect);
    expect(e.get(started.flowId)?.status).toBe('done');
    expect(newRequests(before)).toHaveLength(1);
  });

  it('ends as authorization_error when the user denies consent', async () => {
    const { engine: e } = engine();
    const before = idp.tokenRequests.length;
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public), profileId: null, clientSecret: null });
    const redirect = await signIn(idp, started, { consent: 'deny' });
    const { page } = await deliverToLoopback(redirect);
    expect(page).toContain('access_denied');
    expect(e.get(started.flowId)?.error).toMatchObject({ kind: 'authorization_error', error: 'access_denied' });
    expect(newRequests(before)).toHaveLength(0);
  });

  it('ends as authorization_error login_required for prompt=none without a session', async () => {
    const { engine: e } = engine();
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public, { extraAuthParams: [{ key: 'prompt', value: 'none', enabled: true }] }), profileId: null, clientSecret: null });
    const redirect = await signIn(idp, started, { cookieJar: new CookieJar() });
    await deliverToLoopback(redirect);
    expect(e.get(started.flowId)?.error).toMatchObject({ kind: 'authorization_error', error: 'login_required', message: expect.stringContaining('prompt=none') });
  });

  it('expires a flow whose redirect comes too late; the late redirect is refused and the IdP never asked', async () => {
    const { engine: e } = engine({ flowTtlMs: 1_500 });
    const before = idp.tokenRequests.length;
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public), profileId: null, clientSecret: null });
    const redirect = await signIn(idp, started);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(started.expiresAt) - Date.now()) + 200));
    expect(e.get(started.flowId)?.status).toBe('expired');
    expect(await e.handleRedirect(redirect, 'manual')).toMatchObject({ accepted: false, reason: expect.stringContaining('expired') });
    await expect(fetch(redirect)).rejects.toThrow(); // the listener is gone
    expect(newRequests(before)).toHaveLength(0);
  });
});

describe('flow engine × a broken token endpoint (real sign-in, bad token URL)', () => {
  async function runWithTokenUrl(tokenUrl: string, options: Partial<FlowEngineOptions> = {}) {
    const { engine: e } = engine(options);
    const started = await e.start({ settings: settingsFor(idp, idp.clients.public, { accessTokenUrl: tokenUrl }), profileId: null, clientSecret: null });
    await deliverToLoopback(await signIn(idp, started));
    return e.get(started.flowId)!;
  }

  it('IdP token endpoint down → connection_refused', async () => {
    const failed = await runWithTokenUrl(`http://127.0.0.1:${await closedPort()}/token`);
    expect(failed.error).toMatchObject({ kind: 'connection_refused', message: expect.stringContaining('connection was refused') });
  });

  it('HTML 500 → non_json with status 500 and the page in raw', async () => {
    const html = '<!doctype html><html><body><h1>500 Internal Server Error</h1></body></html>';
    const server = await startLocalServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(html);
    });
    cleanups.push(() => server.close());
    const failed = await runWithTokenUrl(`${server.url}/token`);
    expect(failed.error).toMatchObject({ kind: 'non_json', httpStatus: 500, raw: html, message: expect.stringContaining('text/html') });
  });

  it('never answers → timeout', async () => {
    const server = await startLocalServer(() => undefined);
    cleanups.push(() => server.close());
    const failed = await runWithTokenUrl(`${server.url}/token`, { tokenTimeoutMs: 500 });
    expect(failed.error?.kind).toBe('timeout');
    expect(server.requests).toHaveLength(1);
  });
});

describe('flow engine × oidc-provider 8 (plain)', () => {
  let idp8: DemoIdp;
  beforeAll(async () => {
    idp8 = await startDemoIdp({ port: 0, pkceMethods: ['S256', 'plain'] });
  });
  afterAll(async () => {
    await idp8?.close();
  });

  it('completes a flow with code_challenge_method=plain', async () => {
    const { engine: e } = engine();
    const started = await e.start({ settings: settingsFor(idp8, idp8.clients.public, { codeChallengeMethod: 'plain' }), profileId: null, clientSecret: null });
    expect(new URL(started.authorizationUrl).searchParams.get('code_challenge')).toBe(started.pkce.verifier);
    await deliverToLoopback(await signIn(idp8, started));
    expect(e.get(started.flowId)).toMatchObject({ status: 'done', tokens: { tokenType: 'Bearer' } });
  });

  it('is refused when the plain verifier is wrong', async () => {
    const { engine: e } = engine();
    const started = await e.start({
      settings: settingsFor(idp8, idp8.clients.public, { codeChallengeMethod: 'plain', extraTokenParams: [{ key: 'code_verifier', value: 'Z'.repeat(43), enabled: true }] }),
      profileId: null,
      clientSecret: null,
    });
    await deliverToLoopback(await signIn(idp8, started));
    expect(e.get(started.flowId)?.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_grant' });
  });
});
