// The client secret must never leave main's memory and the keychain: after full flows with known
// secrets (stored for a profile, and typed for one flow only, right and wrong), look for them, in
// every encoding a request could carry them, in the data folder, the exported profiles, the flow
// snapshots (what "Export trace" writes and the curl command built from it), every result and event
// that crossed the contract, and everything written to the console.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { formUrlEncode } from '../../shared/encoding';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { captureOutput, completeFlow, curlsOf, expectNoNeedles, leakHaystacks, recordingCore } from '../test-support/leak-search';

let idp: DemoIdp;
let dataDir: string;
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0 });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-leak-'));
});
afterAll(async () => {
  await idp?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Every form in which a secret could travel: as is, URL/form-encoded, and inside a Basic header. */
function encodings(clientId: string, secret: string): string[] {
  const basic = (id: string, s: string) => Buffer.from(`${id}:${s}`).toString('base64');
  return [...new Set([secret, encodeURIComponent(secret), formUrlEncode(secret), basic(clientId, secret), basic(formUrlEncode(clientId), formUrlEncode(secret))])];
}

describe('client secrets never leak', () => {
  it('are in no file, export, trace, contract result, event or console line', async () => {
    const output = captureOutput();
    const { core, crossed, call, value } = recordingCore(dataDir);

    const settings = (clientId: string, clientAuthentication: FlowSettings['clientAuthentication']): FlowSettings => ({
      ...defaultFlowSettings(),
      authUrl: idp.authorizationEndpoint,
      accessTokenUrl: idp.tokenEndpoint,
      clientId,
      clientAuthentication,
      scope: 'openid profile offline_access',
      extraAuthParams: [{ key: 'prompt', value: 'consent', enabled: true }],
      revocationUrl: idp.revocationEndpoint,
      introspectionUrl: idp.introspectionEndpoint,
      userinfoUrl: idp.userinfoEndpoint,
      jwksUri: idp.jwksUri,
      apiUrl: idp.userinfoEndpoint,
    });
    const runFlow = async (start: Record<string, unknown>): Promise<FlowSnapshot> => {
      const started = value<FlowSnapshot>(await call('startFlow', start));
      return completeFlow(core, started, idp);
    };

    const basic = idp.clients.confidentialBasic;
    const post = idp.clients.confidentialPost;
    const wrongOnce = `wrong-${post.clientSecret}-typed-once`;
    const secrets = [...encodings(basic.clientId, basic.clientSecret!), ...encodings(post.clientId, post.clientSecret!), ...encodings(post.clientId, wrongOnce)];

    try {
      // 1. A stored secret (set through the contract, as the Client Secret field does), Basic auth.
      const profile = value<{ id: string }>(await call('createProfile', { name: 'Confidential basic', settings: settings(basic.clientId, 'basic') }));
      value(await call('setClientSecret', { profileId: profile.id, secret: basic.clientSecret }));
      const stored = await runFlow({ settings: settings(basic.clientId, 'basic'), profileId: profile.id, clientSecret: { source: 'stored' } });
      expect(stored.status).toBe('done');

      // 2. A secret for one flow only, in the body.
      const once = await runFlow({ settings: settings(post.clientId, 'body'), profileId: null, clientSecret: { source: 'once', value: post.clientSecret } });
      expect(once.status).toBe('done');

      // 3. A wrong secret: the failure (IdP error, raw body) must not repeat it either.
      const wrong = await runFlow({ settings: settings(post.clientId, 'body'), profileId: null, clientSecret: { source: 'once', value: wrongOnce } });
      expect(wrong.status).toBe('failed');

      // 4. Every token action after the flow, with the stored secret, the typed one and the wrong one.
      const actions = [
        { kind: 'introspect', token: 'access_token' },
        { kind: 'refresh' },
        { kind: 'userinfo' },
        { kind: 'call-api', method: 'GET', url: idp.userinfoEndpoint, headers: [] },
        { kind: 'revoke', token: 'access_token' },
        { kind: 'revoke', token: 'refresh_token' },
        { kind: 'refresh' },
      ];
      const runs: [FlowSnapshot, Record<string, unknown>, FlowSettings][] = [
        [stored, { profileId: profile.id, clientSecret: { source: 'stored' } }, settings(basic.clientId, 'basic')],
        [once, { profileId: null, clientSecret: { source: 'once', value: post.clientSecret } }, settings(post.clientId, 'body')],
        [once, { profileId: null, clientSecret: { source: 'once', value: wrongOnce } }, settings(post.clientId, 'body')],
      ];
      let refused = 0;
      for (const [flow, who, flowSettings] of runs) {
        for (const action of actions) {
          const done = value<{ flow: FlowSnapshot }>(await call('tokenAction', { flowId: flow.flowId, action, settings: flowSettings, ...who }));
          if (done.flow.lifecycle?.results.at(-1)?.error?.error === 'invalid_client') refused += 1;
        }
      }
      // The wrong secret was sent, and refused, by every client-authenticated action.
      expect(refused).toBeGreaterThanOrEqual(4);

      // Export the profiles, import them back, duplicate: all touch the data folder.
      const exported = value<{ json: string }>(await call('exportProfiles', {}));
      value(await call('importProfiles', { json: exported.json }));
      value(await call('duplicateProfile', { id: profile.id }));

      const flows = value<FlowSnapshot[]>(await call('listFlows', {}));
      // The three flows and the entries their refreshes made.
      expect(flows.length).toBeGreaterThanOrEqual(4);
      expect(curlsOf(flows).length).toBeGreaterThanOrEqual(3 + 3 * actions.length);

      const haystacks = await leakHaystacks({ dataDir, exportedJson: exported.json, flows, crossed, output });
      expectNoNeedles(haystacks, secrets, 'a client secret', 4);
      // The search itself works: the IdP did receive the secrets it checked.
      expect(idp.tokenRequests.some((r) => JSON.stringify(r).includes(formUrlEncode(post.clientSecret!)) || JSON.stringify(r).includes(post.clientSecret!))).toBe(true);
    } finally {
      vi.restoreAllMocks();
      await core.dispose();
    }
  }, 60_000);
});
