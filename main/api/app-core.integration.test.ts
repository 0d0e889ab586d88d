// The contract as the hosts serve it: dispatch() → handlers → flow engine and stores, against the
// real demo IdP. What the handlers add over the services is tested here: settings checks per runtime,
// where the client secret comes from, pasted redirects, and secrets never in what crosses the contract.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loginOverHttp } from '../../demo-idp/http-login';
import type { ApiResult, MethodName } from '../../shared/contract';
import { dispatch } from '../../shared/contract-dispatch';
import type { FlowSnapshot } from '../../shared/flow-types';
import type { ProbeSnapshot } from '../../shared/probe-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { createMemorySecretStore } from '../store/secret-store';
import { createMemoryKeyStore } from '../keys/key-store';
import { useCleanups, useDemoIdp } from '../test-support/integration';
import { createAppCore, type AppCore } from './create-app-core';

const demo = useDemoIdp();
const cleanups = useCleanups();

async function core(runtime: 'electron' | 'web' = 'web', launcher = new RecordingLauncher()) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pkce-core-'));
  const events: unknown[] = [];
  const app: AppCore = createAppCore({
    dataDir,
    launcher,
    runtime,
    authorizeModes: runtime === 'web' ? ['browser-loopback'] : ['browser-loopback', 'browser-scheme', 'embedded'],
    secretStore: createMemorySecretStore(), keyStore: createMemoryKeyStore(),
  });
  app.subscribe((event, payload) => events.push({ event, payload }));
  cleanups.push(async () => {
    await app.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });
  const call = async <M extends MethodName>(method: M, input: unknown) => (await dispatch(app.handlers, method, input)) as ApiResult<never>;
  return { app, call, events, dataDir };
}

function demoSettings(overrides: Partial<FlowSettings> = {}): FlowSettings {
  return { ...defaultFlowSettings(), authUrl: demo.idp.authorizationEndpoint, accessTokenUrl: demo.idp.tokenEndpoint, clientId: demo.idp.clients.public.clientId, ...overrides };
}

async function signInAndDeliver(snapshot: FlowSnapshot): Promise<void> {
  const redirect = await loginOverHttp(snapshot.authorizationUrl, { login: demo.idp.user.login, password: demo.idp.user.password, isFinalRedirect: (u) => !u.startsWith(demo.idp.issuer) });
  await fetch(redirect).then((r) => r.text());
}

describe('the app core behind the contract', () => {
  it('refuses settings that cannot start a flow, field by field, and starts nothing', async () => {
    const { app, call } = await core();
    const result = await call('startFlow', { settings: demoSettings({ authUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize', clientId: '' }), profileId: null, clientSecret: { source: 'none' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_settings');
    expect(result.error.fields?.map((f) => f.field).sort()).toEqual(['authUrl', 'clientId']);
    expect(app.engine.list()).toEqual([]);
  });

  it('offers only the loopback mode in browser mode', async () => {
    const { call } = await core('web');
    const result = await call('startFlow', { settings: demoSettings({ authorizeMode: 'embedded', callbackUrl: 'https://localhost' }), profileId: null, clientSecret: { source: 'none' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_settings', fields: [expect.objectContaining({ field: 'authorizeMode' })] } });
    const info = await call('getAppInfo', {});
    expect(info).toMatchObject({ ok: true, value: { runtime: 'web', authorizeModes: ['browser-loopback'], scheme: 'io.github.pkce-inspector' } });
  });

  it('runs a confidential flow with the secret stored for a profile, and no event or snapshot ever carries it', async () => {
    const { call, events } = await core();
    const client = demo.idp.clients.confidentialBasic;
    const created = (await call('createProfile', { name: 'Demo confidential', settings: demoSettings({ clientId: client.clientId }) })) as ApiResult<{ id: string }>;
    if (!created.ok) throw new Error(created.error.message);
    const profileId = created.value.id;
    expect(await call('setClientSecret', { profileId, secret: client.clientSecret })).toEqual({ ok: true, value: { hasSecret: true } });
    const listed = await call('listProfiles', {});
    expect(listed).toMatchObject({ ok: true, value: { profiles: [{ id: profileId, hasSecret: true }] } });
    expect(JSON.stringify(listed)).not.toContain(client.clientSecret);

    const started = (await call('startFlow', { settings: demoSettings({ clientId: client.clientId }), profileId, clientSecret: { source: 'stored' } })) as ApiResult<FlowSnapshot>;
    if (!started.ok) throw new Error(started.error.message);
    await signInAndDeliver(started.value);
    const flows = (await call('listFlows', {})) as ApiResult<FlowSnapshot[]>;
    expect(flows.ok && flows.value[0]).toMatchObject({ status: 'done', profileId, tokens: { tokenType: 'Bearer' } });
    expect(flows.ok && flows.value[0]?.trace.find((t) => t.kind === 'token_request')).toMatchObject({ clientAuth: 'basic' });
    expect(events.some((e) => (e as { payload: FlowSnapshot }).payload.status === 'done')).toBe(true);
    expect(JSON.stringify(events)).not.toContain(client.clientSecret);
    expect(JSON.stringify(flows)).not.toContain(client.clientSecret);
  });

  it('says clearly when a stored secret is asked for but there is none, or no saved profile', async () => {
    const { call } = await core();
    const noProfile = await call('startFlow', { settings: demoSettings(), profileId: null, clientSecret: { source: 'stored' } });
    expect(noProfile).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('save the profile first') } });
    const created = (await call('createProfile', { name: 'No secret', settings: demoSettings() })) as ApiResult<{ id: string }>;
    const profileId = created.ok ? created.value.id : '';
    const none = await call('startFlow', { settings: demoSettings(), profileId, clientSecret: { source: 'stored' } });
    expect(none).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('No client secret is stored') } });
  });

  it('routes a pasted redirect by state, and refuses one with an unknown state or that is not a URL', async () => {
    const { call } = await core('electron');
    const started = (await call('startFlow', { settings: demoSettings({ authorizeMode: 'embedded', callbackUrl: 'https://localhost', clientId: demo.idp.clients.webPublic.clientId }), profileId: null, clientSecret: { source: 'none' } })) as ApiResult<FlowSnapshot>;
    if (!started.ok) throw new Error(started.error.message);
    const forged = await call('submitRedirect', { url: `https://localhost/?code=abc&state=not-${started.value.state}` });
    expect(forged).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('submitRedirect', { url: 'code=abc' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const redirect = await loginOverHttp(started.value.authorizationUrl, { login: demo.idp.user.login, password: demo.idp.user.password, isFinalRedirect: (u) => u.startsWith('https://localhost') });
    const pasted = (await call('submitRedirect', { url: redirect })) as ApiResult<FlowSnapshot>;
    expect(pasted.ok && pasted.value.flowId).toBe(started.value.flowId);
    expect(pasted.ok && pasted.value.trace.find((t) => t.kind === 'redirect')).toMatchObject({ source: 'manual' });
  });

  it('deletes a profile together with its secret', async () => {
    const { app, call } = await core();
    const created = (await call('createProfile', { name: 'Doomed', settings: demoSettings() })) as ApiResult<{ id: string }>;
    const profileId = created.ok ? created.value.id : '';
    await call('setClientSecret', { profileId, secret: 'to-be-forgotten' });
    expect(await app.secrets.has(profileId)).toBe(true);
    expect(await call('deleteProfile', { id: profileId })).toEqual({ ok: true, value: { deleted: true } });
    expect(await app.secrets.has(profileId)).toBe(false);
    expect(await call('getProfile', { id: profileId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('runs Test PKCE enforcement for a confidential client with a one-time secret; no event carries the secret', async () => {
    const launcher = new RecordingLauncher();
    launcher.onOpen = (request) => void signInAndDeliver({ authorizationUrl: request.url } as FlowSnapshot).catch(() => undefined);
    const { call, events } = await core('web', launcher);
    expect(await call('getProbe', {})).toEqual({ ok: true, value: { probe: null } });
    const secret = demo.idp.clients.confidentialBasic.clientSecret!;
    const started = await call('startProbe', { settings: demoSettings({ clientId: demo.idp.clients.confidentialBasic.clientId }), profileId: null, clientSecret: { source: 'once', value: secret } });
    expect(started.ok).toBe(true);
    const finished = () => events.map((e) => e as { event: string; payload: ProbeSnapshot }).find((e) => e.event === 'probeUpdated' && e.payload.status !== 'running')?.payload;
    await vi.waitFor(() => expect(finished()).toBeDefined(), { timeout: 60_000, interval: 200 });
    expect(finished()!.client).toEqual({ clientId: demo.idp.clients.confidentialBasic.clientId, type: 'confidential', authorizeMode: 'browser-loopback' });
    expect(finished()!.cases.filter((c) => c.verdict !== 'pass' && c.verdict !== 'info')).toEqual([]);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('rejects clearCookies in browser mode with a reason', async () => {
    const { call } = await core('web');
    expect(await call('clearCookies', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});
