// The engine against a real local token endpoint (a tiny HTTP server) and its real loopback listener;
// the end-to-end behaviour against a real OpenID Provider is in flow-engine.integration.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { basicAuthorization } from '../../shared/token-request';
import { base64UrlEncode, utf8Bytes } from '../../shared/encoding';
import { generateKeyPairSync } from 'node:crypto';
import type { ClientKeys } from '../keys/key-material';
import { FlowEngine, type FlowEngineOptions } from './flow-engine';
import type { FlowRecord } from './flow-record';
import { RecordingLauncher } from './test-support/recording-launcher';
import { closedPort, sendJson, startLocalServer, type LocalServer } from './test-support/local-server';

const SECRET = 'tOp:s3cr+t/=%ü';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function unsignedJwt(payload: Record<string, unknown>): string {
  const part = (o: unknown) => base64UrlEncode(utf8Bytes(JSON.stringify(o)));
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2ln`;
}

async function tokenServer(handler: Parameters<typeof startLocalServer>[0] = (_req, res) => sendJson(res, 200, { access_token: 'AT', token_type: 'Bearer', expires_in: 300 })): Promise<LocalServer> {
  const server = await startLocalServer(handler);
  cleanups.push(() => server.close());
  return server;
}

function setup(options: Partial<FlowEngineOptions> = {}) {
  const launcher = new RecordingLauncher();
  const updates: FlowSnapshot[] = [];
  const notices: Notice[] = [];
  const engine = new FlowEngine({ launcher, onUpdate: (s) => updates.push(s), onNotice: (n) => notices.push(n), ...options });
  cleanups.push(() => engine.dispose());
  return { engine, launcher, updates, notices };
}

function settings(tokenUrl: string, overrides: Partial<FlowSettings> = {}): FlowSettings {
  return { ...defaultFlowSettings(), authUrl: 'http://127.0.0.1:1/authorize', accessTokenUrl: tokenUrl, clientId: 'client-1', ...overrides };
}

function callback(snapshot: FlowSnapshot, params: Record<string, string>): string {
  const url = new URL(snapshot.redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

describe('FlowEngine.start', () => {
  it('builds the authorization request, listens on an ephemeral loopback port and opens the URL', async () => {
    const { engine, launcher, updates } = setup();
    const snapshot = await engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: 'p1', clientSecret: null });
    expect(snapshot.status).toBe('awaiting-redirect');
    expect(snapshot.profileId).toBe('p1');
    expect(snapshot.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(snapshot.pkce.generated).toBe(true);
    expect(snapshot.pkce.verifier).toHaveLength(64);
    expect(snapshot.nonce).toBeDefined();
    const url = new URL(snapshot.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: snapshot.redirectUri,
      state: snapshot.state,
      nonce: snapshot.nonce,
      code_challenge: snapshot.pkce.challenge,
      code_challenge_method: 'S256',
    });
    expect(snapshot.trace.map((t) => t.kind)).toEqual(['authorization_request']);
    expect(launcher.opened).toEqual([{ flowId: snapshot.flowId, url: snapshot.authorizationUrl, mode: 'browser-loopback', redirectUri: snapshot.redirectUri, keepCookies: false }]);
    expect(updates.at(-1)?.status).toBe('awaiting-redirect');
    // The listener is really there: a bare visit is a 404, not a refused connection.
    expect((await fetch(snapshot.redirectUri)).status).toBe(404);
  });

  it('uses a given verifier and state, reports verifier warnings, and sends no nonce without openid', async () => {
    const { engine } = setup();
    const snapshot = await engine.start({ settings: settings('http://127.0.0.1:1/token', { codeVerifier: 'short', state: 'my-fixed-state', scope: 'api.read', codeChallengeMethod: 'plain' }), profileId: null, clientSecret: null });
    expect(snapshot.pkce).toMatchObject({ generated: false, verifier: 'short', challenge: 'short', method: 'plain' });
    expect(snapshot.pkce.warnings.map((w) => w.code)).toContain('too_short');
    expect(snapshot.state).toBe('my-fixed-state');
    expect(snapshot.nonce).toBeUndefined();
    expect(new URL(snapshot.authorizationUrl).searchParams.has('nonce')).toBe(false);
  });

  it('uses the Callback URL as given for the custom-scheme and embedded modes', async () => {
    const { engine } = setup();
    const scheme = await engine.start({ settings: settings('http://127.0.0.1:1/token', { authorizeMode: 'browser-scheme', callbackUrl: 'io.github.pkce-inspector:/callback' }), profileId: null, clientSecret: null });
    expect(scheme.redirectUri).toBe('io.github.pkce-inspector:/callback');
    const embedded = await engine.start({ settings: settings('http://127.0.0.1:1/token', { authorizeMode: 'embedded', callbackUrl: 'https://localhost', keepCookies: true }), profileId: null, clientSecret: null });
    expect(embedded.redirectUri).toBe('https://localhost');
    expect(embedded.openedBy).toBe('app');
  });

  it('refuses invalid settings with the fields', async () => {
    const { engine, launcher } = setup();
    const err = await engine.start({ settings: settings('', { clientId: '' }), profileId: null, clientSecret: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_settings');
    expect((err as ApiError).fields?.map((f) => f.field)).toEqual(expect.arrayContaining(['accessTokenUrl', 'clientId']));
    expect(launcher.opened).toEqual([]);
  });

  it('refuses a second pending flow with the same state', async () => {
    const { engine } = setup();
    await engine.start({ settings: settings('http://127.0.0.1:1/token', { state: 'same-state-1' }), profileId: null, clientSecret: null });
    const err = await engine.start({ settings: settings('http://127.0.0.1:1/token', { state: 'same-state-1' }), profileId: null, clientSecret: null }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict' });
    expect(engine.list()).toHaveLength(1);
  });

  it('a new flow on a fixed loopback port replaces the flow still waiting there (localhost or 127.0.0.1), and gets its tokens', async () => {
    const token = await tokenServer();
    const { engine } = setup();
    const port = await closedPort();
    const stuck = await engine.start({ settings: settings(`${token.url}/token`, { callbackUrl: `http://127.0.0.1:${port}/cb`, tokenName: 'stuck' }), profileId: null, clientSecret: null });
    const next = await engine.start({ settings: settings(`${token.url}/token`, { callbackUrl: `http://localhost:${port}/cb`, tokenName: 'next' }), profileId: null, clientSecret: null });
    expect(next.redirectUri).toBe(`http://localhost:${port}/cb`);
    expect(engine.get(stuck.flowId)).toMatchObject({ status: 'cancelled', error: { kind: 'cancelled', message: expect.stringContaining('Replaced by the new flow "next"') } });
    // The old flow's redirect, should its tab still send one, reaches the new listener and is refused.
    expect((await fetch(callback(stuck, { code: 'OLD', state: stuck.state }))).status).toBe(400);
    expect((await fetch(callback(next, { code: 'NEW', state: next.state }))).status).toBe(200);
    expect(engine.get(next.flowId)?.status).toBe('done');
    expect(token.requests).toHaveLength(1);
  });

  it('leaves flows on other ports alone, and still reports a port held by another program', async () => {
    const { engine } = setup();
    const other = await engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: null, clientSecret: null });
    const busy = await startLocalServer((_req, res) => res.end());
    cleanups.push(() => busy.close());
    const err = await engine.start({ settings: settings('http://127.0.0.1:1/token', { callbackUrl: `${busy.url}/cb` }), profileId: null, clientSecret: null }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_settings', message: expect.stringContaining('already in use') });
    expect(engine.get(other.flowId)?.status).toBe('awaiting-redirect');
  });

  it('fails the flow as launch_failed when the launcher throws, and releases the listener', async () => {
    const { engine, launcher } = setup();
    launcher.failWith = new Error('no browser found');
    const snapshot = await engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: null, clientSecret: null });
    expect(snapshot.status).toBe('failed');
    expect(snapshot.error).toMatchObject({ kind: 'launch_failed', message: expect.stringContaining('no browser found') });
    expect(await engine.handleRedirect(callback(snapshot, { code: 'c', state: snapshot.state }), 'manual')).toMatchObject({ accepted: false });
    await new Promise((r) => setTimeout(r, 20));
    await expect(fetch(snapshot.redirectUri)).rejects.toThrow();
  });
});

describe('FlowEngine redirect handling and token exchange', () => {
  it('exchanges the code from the loopback redirect, as a public client sending nothing secret', async () => {
    const token = await tokenServer();
    const { engine, launcher, updates } = setup();
    const started = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    const res = await fetch(callback(started, { code: 'CODE-1', state: started.state }));
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('CODE-1');

    const done = engine.get(started.flowId)!;
    expect(done.status).toBe('done');
    expect(done.tokens).toMatchObject({ accessToken: 'AT', tokenType: 'Bearer', expiresIn: 300 });
    expect(done.trace.map((t) => t.kind)).toEqual(['authorization_request', 'redirect', 'token_request', 'token_response', 'note']);
    expect(done.trace[1]).toMatchObject({ kind: 'redirect', source: 'loopback', params: { code: 'CODE-1', state: started.state } });
    expect(done.trace[2]).toMatchObject({ kind: 'token_request', clientAuth: 'none', clientId: 'client-1' });
    expect(done.trace[4]).toMatchObject({ kind: 'note', level: 'warning', message: expect.stringContaining('no id_token') });
    expect(updates.map((u) => u.status)).toEqual(expect.arrayContaining(['awaiting-redirect', 'exchanging', 'done']));

    expect(token.requests).toHaveLength(1);
    const sent = token.requests[0]!;
    expect(sent.headers.authorization).toBeUndefined();
    const body = new URLSearchParams(sent.body);
    expect(body.has('client_secret')).toBe(false);
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      code: 'CODE-1',
      redirect_uri: started.redirectUri,
      code_verifier: started.pkce.verifier,
      client_id: 'client-1',
    });
    expect(launcher.closed).toEqual([started.flowId]);
    await new Promise((r) => setTimeout(r, 20));
    await expect(fetch(callback(started, { code: 'x', state: started.state }))).rejects.toThrow();
  });

  it.each(['basic', 'body'] as const)('authenticates a confidential client (%s) and keeps the secret out of every snapshot', async (method) => {
    const token = await tokenServer();
    const { engine, updates } = setup();
    const started = await engine.start({ settings: settings(`${token.url}/token`, { clientAuthentication: method }), profileId: null, clientSecret: SECRET });
    const outcome = await engine.handleRedirect(callback(started, { code: 'C', state: started.state }), 'manual');
    expect(outcome).toEqual({ accepted: true, flowId: started.flowId });
    const sent = token.requests[0]!;
    const body = new URLSearchParams(sent.body);
    if (method === 'basic') {
      expect(sent.headers.authorization).toBe(basicAuthorization('client-1', SECRET));
      expect(body.has('client_secret')).toBe(false);
    } else {
      expect(sent.headers.authorization).toBeUndefined();
      expect(body.get('client_secret')).toBe(SECRET);
    }
    const all = JSON.stringify([engine.list(), updates]);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(encodeURIComponent(SECRET));
    expect(all).not.toContain(new URLSearchParams([['s', SECRET]]).toString().slice(2));
    expect(all).not.toContain(basicAuthorization('client-1', SECRET).slice(6));
    expect(engine.get(started.flowId)?.trace.find((t) => t.kind === 'token_request')).toMatchObject({ clientAuth: method });
  });

  it('sends the Origin header, extra token params, and leaves the verifier out when asked', async () => {
    const token = await tokenServer();
    const { engine } = setup();
    const started = await engine.start({
      settings: settings(`${token.url}/token`, { tokenRequestOrigin: 'http://localhost:3000', omitCodeVerifier: true, extraTokenParams: [{ key: 'foo', value: 'bar', enabled: true }] }),
      profileId: null,
      clientSecret: null,
    });
    await engine.handleRedirect(callback(started, { code: 'C', state: started.state }), 'manual');
    const sent = token.requests[0]!;
    expect(sent.headers.origin).toBe('http://localhost:3000');
    const body = new URLSearchParams(sent.body);
    expect(body.has('code_verifier')).toBe(false);
    expect(body.get('foo')).toBe('bar');
    expect(engine.get(started.flowId)?.trace.some((t) => t.kind === 'note' && t.message.includes('left out on purpose'))).toBe(true);
  });

  it('refuses a forged state, a replay and a wrong callback target without any token request', async () => {
    const token = await tokenServer();
    const { engine, notices } = setup();
    const started = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });

    const forged = await engine.handleRedirect(callback(started, { code: 'C', state: 'forged-state' }), 'deep-link');
    expect(forged).toMatchObject({ accepted: false, reason: expect.stringContaining('No flow is waiting') });
    const elsewhere = await engine.handleRedirect(`http://127.0.0.1:1/callback?code=C&state=${started.state}`, 'manual');
    expect(elsewhere).toMatchObject({ accepted: false, reason: expect.stringContaining('expects') });
    expect(token.requests).toHaveLength(0);
    expect(engine.get(started.flowId)?.status).toBe('awaiting-redirect');

    const url = callback(started, { code: 'C', state: started.state });
    expect(await engine.handleRedirect(url, 'manual')).toMatchObject({ accepted: true });
    expect(await engine.handleRedirect(url, 'manual')).toMatchObject({ accepted: false, reason: expect.stringContaining('already received its redirect') });
    expect(token.requests).toHaveLength(1);
    // Only the deep link is a notice: a pasted URL's refusal is the answer to the paste.
    expect(notices.map((n) => n.level)).toEqual(['warning']);
    expect(notices[0]?.message).toContain('deep link');
  });

  it('refuses a deep link that is not UTF-8 once percent-decoded, with a warning, and keeps the flow waiting', async () => {
    const token = await tokenServer();
    const { engine, notices } = setup();
    const started = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    const malformed = `${callback(started, { code: 'C', state: started.state })}%FF`;
    expect(await engine.handleRedirect(malformed, 'deep-link')).toMatchObject({ accepted: false, reason: expect.stringContaining('not valid UTF-8') });
    expect(token.requests).toHaveLength(0);
    expect(engine.get(started.flowId)?.status).toBe('awaiting-redirect');
    expect(notices).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringContaining('not valid UTF-8') })]);
  });

  it('raises one notice for a flood of forged redirects, not one each', async () => {
    const { engine, notices } = setup();
    const started = await engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: null, clientSecret: null });
    for (let i = 0; i < 100; i++) {
      expect(await engine.handleRedirect(callback(started, { code: 'C', state: `forged-${i}` }), 'loopback')).toMatchObject({ accepted: false });
    }
    expect(notices).toHaveLength(1);
    expect(engine.get(started.flowId)?.status).toBe('awaiting-redirect');
  });

  it('does not treat a URL without code or error as the redirect', async () => {
    const { engine, notices } = setup();
    const started = await engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: null, clientSecret: null });
    expect(await engine.handleRedirect(callback(started, { state: started.state }), 'embedded')).toMatchObject({ accepted: false });
    expect(engine.get(started.flowId)?.status).toBe('awaiting-redirect');
    expect(notices).toEqual([]);
  });

  it('ends the flow as authorization_error on an error redirect, without a token request', async () => {
    const token = await tokenServer();
    const { engine } = setup();
    const started = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    await engine.handleRedirect(callback(started, { error: 'login_required', error_description: 'End-User authentication is required', state: started.state }), 'manual');
    const failed = engine.get(started.flowId)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ kind: 'authorization_error', error: 'login_required', errorDescription: 'End-User authentication is required', message: expect.stringContaining('prompt=none') });
    expect(token.requests).toHaveLength(0);
  });

  it('keeps the tokens of an id_token whose nonce differs from the one sent, failing its Nonce row', async () => {
    const token = await tokenServer((_req, res) => sendJson(res, 200, { access_token: 'AT', id_token: unsignedJwt({ sub: 'u', nonce: 'someone-else' }) }));
    const { engine } = setup();
    const started = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    await engine.handleRedirect(callback(started, { code: 'C', state: started.state }), 'manual');
    const done = engine.get(started.flowId)!;
    expect(done.status).toBe('done');
    expect(done.tokens?.validation?.idToken?.rows.find((r) => r.name === 'Nonce')).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('differs') });
    expect(done.trace.at(-1)).toMatchObject({ kind: 'note', level: 'warning', message: expect.stringContaining('Nonce fail') });
  });

  it('fails a malformed redirect (code twice) without a token request', async () => {
    const token = await tokenServer();
    const { engine } = setup();
    const started = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    await engine.handleRedirect(`${callback(started, { code: 'C', state: started.state })}&code=D`, 'manual');
    expect(engine.get(started.flowId)).toMatchObject({ status: 'failed', error: { kind: 'malformed_redirect' } });
    expect(token.requests).toHaveLength(0);
  });

  it('fails with the typed error of the token endpoint (HTML 500, refused connection, timeout)', async () => {
    const html = await tokenServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>Oops</body></html>');
    });
    const silent = await tokenServer(() => undefined);
    const refusedPort = await closedPort();
    const { engine } = setup({ tokenTimeoutMs: 300 });
    const run = async (tokenUrl: string) => {
      const s = await engine.start({ settings: settings(tokenUrl), profileId: null, clientSecret: null });
      await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
      return engine.get(s.flowId)!;
    };
    const a = await run(`${html.url}/token`);
    expect(a.error).toMatchObject({ kind: 'non_json', httpStatus: 500, raw: '<html><body>Oops</body></html>' });
    expect(a.trace.find((t) => t.kind === 'token_response')).toMatchObject({ status: 500, body: '<html><body>Oops</body></html>' });
    const b = await run(`http://127.0.0.1:${refusedPort}/token`);
    expect(b.error?.kind).toBe('connection_refused');
    expect(b.trace.at(-1)).toMatchObject({ kind: 'note', level: 'error' });
    const c = await run(`${silent.url}/token`);
    expect(c.error?.kind).toBe('timeout');
  });

  it('fails with response_too_large past the cap, keeping the beginning', async () => {
    const token = await tokenServer((_req, res) => sendJson(res, 200, { access_token: 'A'.repeat(5000) }));
    const { engine } = setup({ maxResponseBytes: 1000 });
    const s = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
    const failed = engine.get(s.flowId)!;
    expect(failed.error?.kind).toBe('response_too_large');
    expect(failed.tokens).toBeUndefined();
    expect(failed.trace.find((t) => t.kind === 'token_response')).toMatchObject({ truncated: true });
  });
});

describe('FlowEngine endings', () => {
  it('cancels a pending flow, frees its listener, and refuses its redirect afterwards', async () => {
    const token = await tokenServer();
    const { engine, launcher } = setup();
    const s = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    const cancelled = engine.cancel(s.flowId);
    expect(cancelled).toMatchObject({ status: 'cancelled', error: { kind: 'cancelled' } });
    expect(launcher.closed).toEqual([s.flowId]);
    expect(await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual')).toMatchObject({ accepted: false, reason: expect.stringContaining('was cancelled') });
    expect(token.requests).toHaveLength(0);
    expect(() => engine.cancel('nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(engine.cancel(s.flowId).status).toBe('cancelled');
  });

  it('cancels a flow whose token request is in flight, and it stays cancelled', async () => {
    const token = await tokenServer(() => undefined);
    const { engine } = setup();
    const s = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    const routing = engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.get(s.flowId)?.status).toBe('exchanging');
    engine.cancel(s.flowId, 'Stopped by test');
    await routing;
    expect(engine.get(s.flowId)).toMatchObject({ status: 'cancelled', error: { message: 'Stopped by test' } });
  });

  it('cancels a flow while the JWKS is being fetched, without waiting for it', async () => {
    const token = await tokenServer((_req, res) => sendJson(res, 200, { access_token: 'AT', token_type: 'Bearer', id_token: unsignedJwt({ sub: 'u' }) }));
    const jwks = await tokenServer(() => undefined); // never answers
    const { engine } = setup({ tokenTimeoutMs: 60_000 });
    const s = await engine.start({ settings: settings(`${token.url}/token`, { jwksUri: `${jwks.url}/jwks` }), profileId: null, clientSecret: null });
    const routing = engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
    await expect.poll(() => jwks.requests.length).toBe(1);
    engine.cancel(s.flowId, 'Stopped by test');
    await routing;
    expect(engine.get(s.flowId)).toMatchObject({ status: 'cancelled' });
    expect(engine.get(s.flowId)?.tokens?.validation).toBeUndefined();
  });

  it('expires a flow that got no redirect in time', async () => {
    const { engine, updates } = setup({ flowTtlMs: 150 });
    const s = await engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: null, clientSecret: null });
    expect(Date.parse(s.expiresAt) - Date.parse(s.startedAt)).toBe(150);
    await new Promise((r) => setTimeout(r, 300));
    expect(engine.get(s.flowId)).toMatchObject({ status: 'expired', error: { kind: 'expired' } });
    expect(updates.at(-1)?.status).toBe('expired');
    expect(await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual')).toMatchObject({ accepted: false, reason: expect.stringContaining('expired') });
    await expect(fetch(s.redirectUri)).rejects.toThrow();
  });

  it('gives a paused flow a new time limit from its redirect, then expires it: Exchange is refused and the secret dropped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let clock = Date.parse('2026-11-30T10:00:00Z');
      const { engine, updates } = setup({ flowTtlMs: 10 * 60_000, now: () => new Date(clock) });
      const s = await engine.start({ settings: settings('http://127.0.0.1:1/token', { pauseBeforeTokenRequest: true }), profileId: null, clientSecret: SECRET });
      clock += 8 * 60_000;
      vi.advanceTimersByTime(8 * 60_000);
      await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
      const paused = engine.get(s.flowId)!;
      expect(paused.status).toBe('ready-to-exchange');
      expect(paused.expiresAt).toBe('2026-11-30T10:18:00.000Z');
      // Past the start's limit, not the redirect's: still waiting for Exchange.
      vi.advanceTimersByTime(5 * 60_000);
      expect(engine.get(s.flowId)?.status).toBe('ready-to-exchange');
      vi.advanceTimersByTime(5 * 60_000);
      expect(engine.get(s.flowId)).toMatchObject({ status: 'expired', error: { kind: 'expired', message: expect.stringContaining('Exchange was not pressed within 10 min') } });
      expect(updates.at(-1)?.status).toBe('expired');
      await expect(engine.exchange(s.flowId, paused.exchange!.draft)).rejects.toThrow(/not waiting at "Ready to exchange"/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops the paused flow’s clock when Exchange is pressed', async () => {
    const token = await tokenServer();
    const { engine } = setup({ flowTtlMs: 60_000 });
    const s = await engine.start({ settings: settings(`${token.url}/token`, { pauseBeforeTokenRequest: true }), profileId: null, clientSecret: null });
    await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const done = await engine.exchange(s.flowId, engine.get(s.flowId)!.exchange!.draft);
      expect(done.status).toBe('done');
      vi.advanceTimersByTime(120_000);
      expect(engine.get(s.flowId)?.status).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });

  // White-box: what a finished flow still holds in main's memory (nothing else can see it).
  const held = (engine: FlowEngine, flowId: string) => (engine as unknown as { flows: Map<string, FlowRecord> }).flows.get(flowId)!;
  const keys = (): ClientKeys => ({ signingKey: { alg: 'ES256', privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, publicJwk: { kty: 'EC' } } });

  it('drops the flow’s keys and secret once it has ended', async () => {
    const token = await tokenServer();
    const { engine } = setup();
    const s = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: SECRET, keys: keys() });
    expect(held(engine, s.flowId).keys.signingKey).toBeDefined();
    await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
    expect(engine.get(s.flowId)?.status).toBe('done');
    expect(held(engine, s.flowId)).toMatchObject({ keys: {}, clientSecret: null });
  });

  it('keeps what Exchange again needs for the time limit after Exchange, then refuses it rather than replay without client authentication', async () => {
    const token = await tokenServer();
    const { engine } = setup({ flowTtlMs: 60_000 });
    const s = await engine.start({ settings: settings(`${token.url}/token`, { pauseBeforeTokenRequest: true }), profileId: null, clientSecret: SECRET, keys: keys() });
    await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect((await engine.exchange(s.flowId, engine.get(s.flowId)!.exchange!.draft)).status).toBe('done');
      expect(held(engine, s.flowId)).toMatchObject({ replaySecret: SECRET, keys: { signingKey: expect.anything() } });
      await engine.exchangeAgain(s.flowId);
      expect(token.requests).toHaveLength(2);
      expect(token.requests[1]!.headers.authorization).toBe(token.requests[0]!.headers.authorization);
      vi.advanceTimersByTime(60_000);
      expect(held(engine, s.flowId)).toMatchObject({ replaySecret: null, keys: {} });
      await expect(engine.exchangeAgain(s.flowId)).rejects.toThrow(/works for 1 min after Exchange.*that time has passed/);
      expect(token.requests).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancels with a clear message when the embedded window is closed', async () => {
    const { engine, launcher } = setup();
    const s = await engine.start({ settings: settings('http://127.0.0.1:1/token', { authorizeMode: 'embedded', callbackUrl: 'https://localhost' }), profileId: null, clientSecret: null });
    engine.authWindowClosed(s.flowId);
    expect(engine.get(s.flowId)).toMatchObject({ status: 'cancelled', error: { message: expect.stringContaining('window was closed') } });
    expect(launcher.closed).toEqual([]);
  });

  it('dispose cancels pending flows and closes their listeners', async () => {
    const launcher = new RecordingLauncher();
    const engine = new FlowEngine({ launcher });
    const s = await engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: null, clientSecret: null });
    await engine.dispose();
    expect(engine.get(s.flowId)?.status).toBe('cancelled');
    await expect(fetch(s.redirectUri)).rejects.toThrow();
    await expect(engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: null, clientSecret: null })).rejects.toThrow(/shut down/);
  });

  it('once the tokens are checked, every copy shares them frozen: no copy can change what the flow holds', async () => {
    const token = await tokenServer();
    const { engine } = setup();
    const s = await engine.start({ settings: settings(`${token.url}/token`), profileId: null, clientSecret: null });
    await engine.handleRedirect(callback(s, { code: 'C', state: s.state }), 'manual');
    const done = engine.get(s.flowId)!;
    expect(done.status).toBe('done');
    expect(engine.get(s.flowId)!.tokens).toBe(done.tokens);
    expect(() => {
      done.tokens!.accessToken = 'forged';
    }).toThrow(TypeError);
    expect(() => {
      done.pkce.verifier = 'forged';
    }).toThrow(TypeError);
    expect(engine.get(s.flowId)?.tokens?.accessToken).toBe('AT');
  });

  it('hands out copies: changing a snapshot does not change the flow', async () => {
    const { engine } = setup();
    const s = await engine.start({ settings: settings('http://127.0.0.1:1/token'), profileId: null, clientSecret: null });
    s.status = 'done';
    s.trace.push({ kind: 'note', at: '', level: 'info', message: 'x' });
    expect(engine.get(s.flowId)).toMatchObject({ status: 'awaiting-redirect', trace: [expect.objectContaining({ kind: 'authorization_request' })] });
    expect(engine.get(s.flowId)?.trace).toHaveLength(1);
  });
});
