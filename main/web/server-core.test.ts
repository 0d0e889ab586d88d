// Browser mode's server in front of the real app core (flow engine, profile store; a memory secret
// store instead of the OS keychain): what `npm run web` serves, minus the browser.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/contract';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { createAppCore, type AppCore } from '../api/create-app-core';
import { createMemorySecretStore } from '../store/secret-store';
import { createMemoryKeyStore } from '../keys/key-store';
import { rendererOpensTabLauncher } from './renderer-launcher';
import { startWebServer, type WebServer } from './server';
import { makeRendererDir, openEventStream } from './test-support';

let core: AppCore;
let server: WebServer;
let dataDir: string;
let rendererDir: string;

async function call<T>(method: string, input: unknown): Promise<ApiResult<T>> {
  const response = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, Origin: server.origin },
    body: JSON.stringify(input),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ApiResult<T>;
}

const settings = (overrides: Partial<FlowSettings> = {}): FlowSettings => ({
  ...defaultFlowSettings(),
  tokenName: 'core round trip',
  // Nothing listens here: these flows are started and cancelled, never completed.
  authUrl: 'https://idp.example.test/authorize',
  accessTokenUrl: 'https://idp.example.test/token',
  clientId: 'client-1',
  ...overrides,
});

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pkce-web-core-'));
  rendererDir = await makeRendererDir();
  core = createAppCore({ dataDir, launcher: rendererOpensTabLauncher, runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore: createMemoryKeyStore(), version: '9.9.9' });
  server = await startWebServer({ handlers: core.handlers, subscribe: core.subscribe, rendererDir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await core?.dispose();
  await rm(dataDir, { recursive: true, force: true });
  await rm(rendererDir, { recursive: true, force: true });
});

describe('browser mode over the real core', () => {
  it('reports the web runtime with loopback as its only authorization mode', async () => {
    const info = await call<{ runtime: string; authorizeModes: string[]; version: string }>('getAppInfo', {});
    expect(info).toMatchObject({ ok: true, value: { runtime: 'web', authorizeModes: ['browser-loopback'], version: '9.9.9' } });
  });

  it('saves and reads back a profile in the data folder', async () => {
    const created = await call<{ id: string; name: string }>('createProfile', { name: 'Demo IdP', settings: settings() });
    if (!created.ok) throw new Error(created.error.message);
    const listed = await call<{ profiles: { id: string; name: string }[] }>('listProfiles', {});
    expect(listed.ok && listed.value.profiles.map((p) => p.name)).toContain('Demo IdP');
    const fetched = await call<{ settings: FlowSettings }>('getProfile', { id: created.value.id });
    expect(fetched.ok && fetched.value.settings.clientId).toBe('client-1');
  });

  it('with its token, still cannot send a stored secret to another token endpoint (issue 9)', async () => {
    const created = await call<{ id: string }>('createProfile', { name: 'Bound', settings: settings() });
    if (!created.ok) throw new Error(created.error.message);
    expect(await call('setClientSecret', { profileId: created.value.id, secret: 'stored-secret-91d2' })).toEqual({ ok: true, value: { hasSecret: true } });
    const attack = await call<FlowSnapshot>('startFlow', { settings: settings({ accessTokenUrl: 'https://attacker.example.test/token' }), profileId: created.value.id, clientSecret: { source: 'stored' } });
    expect(attack).toMatchObject({ ok: false, error: { code: 'secret_endpoint_changed', message: expect.stringContaining('https://attacker.example.test') } });
    expect(JSON.stringify(attack)).not.toContain('stored-secret-91d2');
    expect(core.engine.list().some((f) => f.profileId === created.value.id)).toBe(false);
  });

  it('starts a flow the page must open, streams its updates, and cancels it; the secret never comes back', async () => {
    const stream = await openEventStream(server.origin, server.token);
    await stream.until(': connected');
    const secret = 'one-flow-secret-4c1f';
    const started = await call<FlowSnapshot>('startFlow', { settings: settings(), profileId: null, clientSecret: { source: 'once', value: secret } });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value).toMatchObject({ status: 'awaiting-redirect', openedBy: 'renderer', mode: 'browser-loopback' });
    expect(started.value.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(started.value.authorizationUrl).toContain('code_challenge_method=S256');

    const cancelled = await call<FlowSnapshot>('cancelFlow', { flowId: started.value.flowId });
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const events = await stream.until('"status":"cancelled"');
    expect(events).toContain(`"flowId":"${started.value.flowId}"`);
    expect(events).not.toContain(secret);
    expect(JSON.stringify(started)).not.toContain(secret);
    stream.close();
  });

  it('refuses modes the browser cannot do, naming the field', async () => {
    const result = await call('startFlow', { settings: settings({ authorizeMode: 'embedded' }), profileId: null, clientSecret: { source: 'none' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_settings');
      expect(result.error.fields?.map((f) => f.field)).toContain('authorizeMode');
    }
  });
});
