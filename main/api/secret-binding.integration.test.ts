// A stored client secret goes only to the token endpoint it was saved for (issue 9, item 3). The
// attack: whoever can call the contract (a script in the page, a leaked browser-mode token) starts a
// flow with the profile's stored secret and its own Access Token URL. It must never receive the
// secret, however the call is made; the user moves a secret by saving the profile with the new URL
// and entering the secret again, or (desktop app) by confirming the new endpoint in a main dialog.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginOverHttp } from '../../demo-idp/http-login';
import type { ApiResult, MethodName } from '../../shared/contract';
import { dispatch } from '../../shared/contract-dispatch';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { startLocalServer, sendJson, type LocalServer } from '../flow/test-support/local-server';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import type { EndpointChange } from '../store/secret-guard';
import { createKeytarSecretStore, createMemorySecretStore, DEFAULT_KEYCHAIN_SERVICE, type KeytarLike, type SecretStore } from '../store/secret-store';
import { createMemoryKeyStore } from '../keys/key-store';
import { useCleanups, useDemoIdp } from '../test-support/integration';
import { createAppCore, type AppCoreOptions } from './create-app-core';

const demo = useDemoIdp();
let attacker: LocalServer;
beforeAll(async () => {
  // Answers like a token endpoint, so nothing but the app's own refusal keeps the secret from it.
  attacker = await startLocalServer((_req, res) => sendJson(res, 200, { access_token: 'x', token_type: 'Bearer' }));
});
afterAll(async () => {
  await attacker?.close();
});
const cleanups = useCleanups();

const client = () => demo.idp.clients.confidentialBasic;
const secret = () => client().clientSecret!;

async function core(options: Partial<AppCoreOptions> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pkce-binding-'));
  const app = createAppCore({ dataDir, launcher: new RecordingLauncher(), runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore: createMemoryKeyStore(), ...options });
  cleanups.push(async () => {
    await app.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });
  const call = async <T = never>(method: MethodName, input: unknown) => (await dispatch(app.handlers, method, input)) as ApiResult<T>;
  const ok = async <T>(method: MethodName, input: unknown): Promise<T> => {
    const result = await call<T>(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  return { app, call, ok };
}

function demoSettings(overrides: Partial<FlowSettings> = {}): FlowSettings {
  return { ...defaultFlowSettings(), authUrl: demo.idp.authorizationEndpoint, accessTokenUrl: demo.idp.tokenEndpoint, clientId: client().clientId, ...overrides };
}

/** The same demo IdP under another origin (localhost instead of 127.0.0.1): a "new endpoint" that works. */
const movedTokenEndpoint = () => demo.idp.tokenEndpoint.replace('//127.0.0.1:', '//localhost:');

async function profileWithSecret(ok: Awaited<ReturnType<typeof core>>['ok']): Promise<string> {
  const { id } = await ok<{ id: string }>('createProfile', { name: 'Demo confidential', settings: demoSettings() });
  await ok('setClientSecret', { profileId: id, secret: secret() });
  return id;
}

async function completeFlow(snapshot: FlowSnapshot, ok: Awaited<ReturnType<typeof core>>['ok']): Promise<FlowSnapshot> {
  const redirect = await loginOverHttp(snapshot.authorizationUrl, { login: demo.idp.user.login, password: demo.idp.user.password, isFinalRedirect: (u) => !u.startsWith(demo.idp.issuer) });
  await fetch(redirect).then((r) => r.text());
  const flows = await ok<FlowSnapshot[]>('listFlows', {});
  return flows.find((f) => f.flowId === snapshot.flowId)!;
}

const secretIn = (r: { headers: Record<string, unknown>; body: string }) =>
  JSON.stringify(r.headers).includes(Buffer.from(`${client().clientId}:${secret()}`).toString('base64')) || r.body.includes(secret());

describe('a stored client secret is bound to the token endpoint it was saved for', () => {
  it('refuses a flow that would send it to another origin, in main, and the other origin never hears of it', async () => {
    const { app, call, ok } = await core();
    const profileId = await profileWithSecret(ok);
    const before = attacker.requests.length;

    for (const accessTokenUrl of [`${attacker.url}/token`, `${attacker.url}${new URL(demo.idp.tokenEndpoint).pathname}`, demo.idp.tokenEndpoint.replace('http://', 'https://')]) {
      for (const clientAuthentication of ['basic', 'body'] as const) {
        const refused = await call<FlowSnapshot>('startFlow', { settings: demoSettings({ accessTokenUrl, clientAuthentication }), profileId, clientSecret: { source: 'stored' } });
        // Were it started, the attacker would get the token request once the user signs in: play that through.
        if (refused.ok) await completeFlow(refused.value, ok);
        expect(refused).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed' } });
        if (refused.ok) continue;
        expect(refused.error.message).toContain(new URL(demo.idp.tokenEndpoint).origin);
        expect(refused.error.message).toContain(new URL(accessTokenUrl).origin);
        expect(refused.error.message).not.toContain(secret());
      }
    }
    expect(attacker.requests.filter(secretIn)).toHaveLength(0);
    expect(attacker.requests.slice(before)).toEqual([]);
    expect(app.engine.list()).toEqual([]); // no flow exists that could later send it

    // The binding did not move: the saved endpoint still works.
    const snapshot = await ok<FlowSnapshot>('startFlow', { settings: demoSettings(), profileId, clientSecret: { source: 'stored' } });
    expect(await completeFlow(snapshot, ok)).toMatchObject({ status: 'done' });
  });

  it('Use PAR: the push carries the secret too, so a PAR URL at another origin is refused before anything is sent', async () => {
    const { app, call, ok } = await core();
    const profileId = await profileWithSecret(ok);
    const before = attacker.requests.length;
    for (const clientAuthentication of ['basic', 'body'] as const) {
      const refused = await call<FlowSnapshot>('startFlow', { settings: demoSettings({ usePar: true, parUrl: `${attacker.url}/par`, clientAuthentication }), profileId, clientSecret: { source: 'stored' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed' } });
      const probe = await call('startProbe', { settings: demoSettings({ usePar: true, parUrl: `${attacker.url}/par`, clientAuthentication }), profileId, clientSecret: { source: 'stored' } });
      expect(probe).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed' } });
    }
    expect(attacker.requests.slice(before)).toEqual([]);
    expect(app.engine.list()).toEqual([]);

    // The IdP's own PAR endpoint is bound with the profile (same origin as its token endpoint): the push goes.
    const pushed = await ok<FlowSnapshot>('startFlow', { settings: demoSettings({ usePar: true, parUrl: `${demo.idp.issuer}/request` }), profileId, clientSecret: { source: 'stored' } });
    expect(await completeFlow(pushed, ok)).toMatchObject({ status: 'done' });
    expect(pushed.trace.some((e) => e.kind === 'par_request')).toBe(true);
  });

  it('saving the profile with the new URL alone does not move the secret; entering the secret again with it does', async () => {
    const { call, ok } = await core();
    const profileId = await profileWithSecret(ok);
    const moved = demoSettings({ accessTokenUrl: movedTokenEndpoint() });
    await ok('saveProfile', { id: profileId, settings: moved, baseRevision: 0 });
    const refused = await call('startFlow', { settings: moved, profileId, clientSecret: { source: 'stored' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed', message: expect.stringMatching(/Enter the secret again/) } });

    // Typed for this one flow: goes where the user typed it for.
    const once = await ok<FlowSnapshot>('startFlow', { settings: moved, profileId, clientSecret: { source: 'once', value: secret() } });
    expect(await completeFlow(once, ok)).toMatchObject({ status: 'done' });

    // Entered again and saved with the profile: bound to the new endpoint, and the old one is out.
    await ok('setClientSecret', { profileId, secret: secret() });
    const requestsBefore = demo.idp.tokenRequests.length;
    const stored = await ok<FlowSnapshot>('startFlow', { settings: moved, profileId, clientSecret: { source: 'stored' } });
    expect(await completeFlow(stored, ok)).toMatchObject({ status: 'done', tokens: { tokenType: 'Bearer' } });
    expect(String(demo.idp.tokenRequests.at(-1)!.headers.authorization)).toMatch(/^Basic /);
    expect(demo.idp.tokenRequests.length).toBe(requestsBefore + 1);
    expect(await call('startFlow', { settings: demoSettings(), profileId, clientSecret: { source: 'stored' } })).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed' } });
  });

  it('desktop app: asks in main, sends only after the user confirms, and then remembers the endpoint', async () => {
    const asked: EndpointChange[] = [];
    let answer = false;
    const { call, ok } = await core({ confirmEndpointChange: async (change) => (asked.push(change), answer) });
    const profileId = await profileWithSecret(ok);
    const moved = demoSettings({ accessTokenUrl: movedTokenEndpoint() });

    const declined = await call('startFlow', { settings: moved, profileId, clientSecret: { source: 'stored' } });
    expect(declined).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed', message: expect.stringMatching(/did not confirm/) } });
    expect(asked).toEqual([{ profileName: 'Demo confidential', boundOrigins: [new URL(demo.idp.tokenEndpoint).origin], url: movedTokenEndpoint(), origin: new URL(movedTokenEndpoint()).origin }]);

    answer = true;
    const confirmed = await ok<FlowSnapshot>('startFlow', { settings: moved, profileId, clientSecret: { source: 'stored' } });
    expect(await completeFlow(confirmed, ok)).toMatchObject({ status: 'done' });
    // Remembered: no second question for the confirmed endpoint, nor for the original one.
    await ok('startFlow', { settings: moved, profileId, clientSecret: { source: 'stored' } });
    await ok('startFlow', { settings: demoSettings(), profileId, clientSecret: { source: 'stored' } });
    expect(asked).toHaveLength(2);
    // A confirmation that fails (the window closed) is a refusal.
    const failing = await core({ confirmEndpointChange: async () => Promise.reject(new Error('window gone')) });
    const other = await profileWithSecret(failing.ok);
    expect(await failing.call('startFlow', { settings: demoSettings({ accessTokenUrl: `${attacker.url}/token` }), profileId: other, clientSecret: { source: 'stored' } })).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed' } });
  });

  it('binds a secret stored before binding existed to the profile\'s saved Access Token URL on first use, never to the caller\'s', async () => {
    const items = new Map<string, string>();
    const keytar: KeytarLike = {
      getPassword: async (s, a) => items.get(`${s}/${a}`) ?? null,
      setPassword: async (s, a, p) => void items.set(`${s}/${a}`, p),
      deletePassword: async (s, a) => items.delete(`${s}/${a}`),
    };
    const secrets: SecretStore = createKeytarSecretStore({ loadKeytar: async () => keytar });
    const { call, ok } = await core({ secretStore: secrets });
    const { id: profileId } = await ok<{ id: string }>('createProfile', { name: 'Old', settings: demoSettings() });
    items.set(`${DEFAULT_KEYCHAIN_SERVICE}/${profileId}`, secret()); // as an earlier version stored it

    const refused = await call('startFlow', { settings: demoSettings({ accessTokenUrl: `${attacker.url}/token` }), profileId, clientSecret: { source: 'stored' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed' } });
    expect(await secrets.get(profileId)).toEqual({ secret: secret(), origins: [new URL(demo.idp.tokenEndpoint).origin] });
    const snapshot = await ok<FlowSnapshot>('startFlow', { settings: demoSettings(), profileId, clientSecret: { source: 'stored' } });
    expect(await completeFlow(snapshot, ok)).toMatchObject({ status: 'done' });
    expect(attacker.requests.filter(secretIn)).toEqual([]);
  });
});
