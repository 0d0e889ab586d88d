// For integration tests of the token actions: an app core (as both hosts build it) against the demo
// IdP, flows run by signing in over HTTP, and calls made through the contract's dispatch.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { CookieJar } from 'tough-cookie';
import { vi } from 'vitest';
import { loginOverHttp } from '../../../demo-idp/http-login';
import type { DemoClient } from '../../../demo-idp/config';
import type { DemoIdp } from '../../../demo-idp/provider';
import type { ApiInput, ApiOutputs, ClientSecretChoice, MethodName } from '../../../shared/contract';
import { dispatch } from '../../../shared/contract-dispatch';
import type { FlowSnapshot } from '../../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../../shared/settings';
import type { TokenAction } from '../../../shared/token-actions';
import { createAppCore, type AppCore } from '../../api/create-app-core';
import { RecordingLauncher } from '../../flow/test-support/recording-launcher';
import { createMemorySecretStore } from '../../store/secret-store';
import { createMemoryKeyStore } from '../../keys/key-store';

export interface TestCore {
  core: AppCore;
  launcher: RecordingLauncher;
  events: FlowSnapshot[];
  call<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  dispose(): Promise<void>;
}

export async function startTestCore(): Promise<TestCore> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-actions-'));
  const launcher = new RecordingLauncher();
  const core = createAppCore({ dataDir, launcher, runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore: createMemoryKeyStore() });
  const events: FlowSnapshot[] = [];
  core.subscribe((event, payload) => {
    if (event === 'flowUpdated') events.push(payload as FlowSnapshot);
  });
  return {
    core,
    launcher,
    events,
    async call(method, input) {
      const result = await dispatch(core.handlers, method, input);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
    async dispose() {
      await core.dispose();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Settings for a demo client, asking for a refresh token (offline_access needs prompt=consent there). */
export function demoSettings(idp: DemoIdp, client: DemoClient, overrides: Partial<FlowSettings> = {}): FlowSettings {
  return {
    ...defaultFlowSettings(),
    authUrl: idp.authorizationEndpoint,
    accessTokenUrl: idp.tokenEndpoint,
    clientId: client.clientId,
    scope: 'openid profile email offline_access',
    extraAuthParams: [{ key: 'prompt', value: 'consent', enabled: true }],
    clientAuthentication: client.tokenEndpointAuthMethod === 'client_secret_post' ? 'body' : 'basic',
    revocationUrl: idp.revocationEndpoint,
    introspectionUrl: idp.introspectionEndpoint,
    userinfoUrl: idp.userinfoEndpoint,
    endSessionUrl: idp.endSessionEndpoint,
    jwksUri: idp.jwksUri,
    ...overrides,
  };
}

export function secretOf(client: DemoClient): ClientSecretChoice {
  return client.clientSecret === null ? { source: 'none' } : { source: 'once', value: client.clientSecret };
}

/** Starts a flow, signs in over HTTP (keeping the IdP session in `jar`), delivers the redirect to the listener. */
export async function runFlow(t: TestCore, idp: DemoIdp, settings: FlowSettings, clientSecret: ClientSecretChoice, jar = new CookieJar()): Promise<FlowSnapshot> {
  const started = await t.call('startFlow', { settings, profileId: null, clientSecret });
  const redirect = await loginOverHttp(started.authorizationUrl, { login: idp.user.login, password: idp.user.password, cookieJar: jar, isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
  await fetch(redirect).then((r) => r.text());
  await vi.waitFor(() => {
    const status = t.core.engine.get(started.flowId)?.status;
    if (status !== 'done' && status !== 'failed') throw new Error(`flow still ${status}`);
  }, { timeout: 15_000 });
  const flow = t.core.lifecycle.snapshot(started.flowId)!;
  if (flow.status !== 'done') throw new Error(`The flow failed: ${flow.error?.message}`);
  return flow;
}

export function act(t: TestCore, flow: FlowSnapshot, settings: FlowSettings, clientSecret: ClientSecretChoice, action: TokenAction) {
  return t.call('tokenAction', { flowId: flow.flowId, action, settings, profileId: null, clientSecret });
}

/** What a browser does at the end-session endpoint: confirm the sign-out form; returns where the IdP sends it. */
export async function confirmSignOut(url: string, jar: CookieJar): Promise<string> {
  const send = async (target: string, init: RequestInit = {}) => {
    const cookie = await jar.getCookieString(target);
    const response = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const c of response.headers.getSetCookie()) await jar.setCookie(c, target, { ignoreError: true });
    return response;
  };
  const page = await send(url);
  const $ = load(await page.text());
  const form = $('form').first();
  const fields = new URLSearchParams();
  for (const input of form.find('input[name]').toArray()) fields.set($(input).attr('name') ?? '', $(input).attr('value') ?? '');
  fields.set('logout', 'yes');
  const confirm = await send(new URL(form.attr('action') ?? '', url).href, { method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const location = confirm.headers.get('location');
  if (!location) throw new Error(`The IdP did not redirect after sign-out (HTTP ${confirm.status})`);
  return new URL(location, url).href;
}
