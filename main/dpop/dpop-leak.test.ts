// The DPoP private key never leaves main and the keychain: after a saved profile's DPoP flow (nonce
// challenge included), its token actions, the key methods of the contract (get, rotate), an export
// and a duplicate, look for the private key (`d` of the JWK, and its PEM/DER forms) in the data
// folder, the export, every trace and curl command, every contract result and event, and the console.
import { promises as fs } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loginOverHttp } from '../../demo-idp/http-login';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import type { ApiResult, MethodName } from '../../shared/contract';
import { dispatch } from '../../shared/contract-dispatch';
import { buildCurlCommand } from '../../shared/curl';
import type { DpopKeyInfo } from '../../shared/dpop';
import type { FlowSnapshot } from '../../shared/flow-types';
import { createAppCore } from '../api/create-app-core';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { createMemoryKeyStore } from '../keys/key-store';
import { createMemorySecretStore } from '../store/secret-store';
import { demoSettings } from '../token-actions/test-support/core-flow';

let idp: DemoIdp;
let dataDir: string;
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0, dpopNonce: true });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-dpop-leak-'));
});
afterAll(async () => {
  await idp?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Every form of a private key worth searching for: the JWK's d, and the key as PKCS#8 PEM and base64 DER. */
function privateForms(jwkText: string): string[] {
  const jwk = (JSON.parse(jwkText) as { jwk: { d: string } }).jwk;
  const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
  const der = key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return [jwk.d, Buffer.from(jwk.d, 'base64url').toString('base64'), der.slice(40, 120), key.export({ format: 'pem', type: 'pkcs8' }).toString().split('\n')[1]!];
}

describe('the DPoP private key never leaks', () => {
  it('is in no file, export, trace, curl command, contract result, event or console line', async () => {
    const console_: string[] = [];
    const keep = (...args: unknown[]) => void console_.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a, Object.getOwnPropertyNames(a ?? {})))).join(' '));
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, level).mockImplementation(keep);

    const keyStore = createMemoryKeyStore();
    const crossed: unknown[] = [];
    const core = createAppCore({ dataDir, launcher: new RecordingLauncher(), runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore });
    core.subscribe((event, payload) => crossed.push({ event, payload }));
    const call = async <T,>(method: MethodName, input: unknown): Promise<T> => {
      const result = (await dispatch(core.handlers, method, input, (err) => console.error('internal error', err))) as ApiResult<T>;
      crossed.push({ method, result });
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value;
    };
    const privateKeys: string[] = [];
    try {
      const client = idp.clients.confidentialPost;
      const settings = { ...demoSettings(idp, client, { dpop: true }), apiUrl: idp.userinfoEndpoint };
      const clientSecret = { source: 'once', value: client.clientSecret };
      const profile = await call<{ id: string }>('createProfile', { name: 'DPoP', settings });
      const shown = await call<{ key: DpopKeyInfo }>('getDpopKey', { profileId: profile.id, settings });
      privateKeys.push(...privateForms((await keyStore.get(profile.id, 'dpop-key'))!));

      const started = await call<FlowSnapshot>('startFlow', { settings, profileId: profile.id, clientSecret });
      const redirect = await loginOverHttp(started.authorizationUrl, { login: idp.user.login, password: idp.user.password, cookieJar: new CookieJar(), isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
      await fetch(redirect).then((r) => r.text());
      await vi.waitFor(() => expect(core.engine.get(started.flowId)?.status).toMatch(/done|failed/), { timeout: 15_000 });
      const flow = core.engine.get(started.flowId)!;
      expect(flow.status).toBe('done');
      expect(flow.tokens?.dpop?.thumbprint).toBe(shown.key.thumbprint);

      for (const action of [{ kind: 'userinfo' }, { kind: 'call-api', method: 'GET', url: idp.userinfoEndpoint, headers: [] }, { kind: 'introspect', token: 'access_token' }, { kind: 'refresh' }]) {
        const { flow: after } = await call<{ flow: FlowSnapshot }>('tokenAction', { flowId: flow.flowId, action, settings, profileId: profile.id, clientSecret });
        expect(after.lifecycle?.results.at(-1)?.outcome).toBe('ok');
      }
      // A rotation: the new key must not leak either.
      const rotated = await call<{ key: DpopKeyInfo }>('rotateDpopKey', { profileId: profile.id, settings });
      expect(rotated.key.thumbprint).not.toBe(shown.key.thumbprint);
      privateKeys.push(...privateForms((await keyStore.get(profile.id, 'dpop-key'))!));
      const exported = await call<{ json: string }>('exportProfiles', {});
      await call('duplicateProfile', { id: profile.id });

      const flows = await call<FlowSnapshot[]>('listFlows', {});
      const traces = flows.map((f) => JSON.stringify(f, null, 2));
      const curls = flows.flatMap((f) => f.trace.flatMap((e) => (e.kind === 'token_request' || e.kind === 'action_request' ? [JSON.stringify(buildCurlCommand(e))] : [])));
      // The proofs are there to be seen (they are not secret): the search looks where the key would be.
      expect(traces.join('\n')).toContain('"dpop": "ey');
      const files = (await fs.readdir(dataDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
      const haystacks: [string, string][] = [
        ...(await Promise.all(files.map(async (f): Promise<[string, string]> => [`file ${f}`, await fs.readFile(f, 'latin1')]))),
        ['profile export', exported.json],
        ...traces.map((t, i): [string, string] => [`trace ${i}`, t]),
        ...curls.map((c, i): [string, string] => [`curl ${i}`, c]),
        ['contract results and events', JSON.stringify(crossed)],
        ['console', console_.join('\n')],
      ];
      // The search itself works: the keychain item holds the current key in the searched form.
      expect((await keyStore.get(profile.id, 'dpop-key'))!.includes(privateKeys[4]!)).toBe(true);
      for (const [where, text] of haystacks) for (const secret of privateKeys) expect(text.includes(secret), `${where} holds the DPoP private key`).toBe(false);
    } finally {
      vi.restoreAllMocks();
      await core.dispose();
    }
  }, 60_000);

  it('getDpopKey refuses a profile that does not exist (no orphaned keychain item)', async () => {
    const keyStore = createMemoryKeyStore();
    const core = createAppCore({ dataDir, launcher: new RecordingLauncher(), runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore });
    try {
      const result = await dispatch(core.handlers, 'getDpopKey', { profileId: 'no-such-profile', settings: demoSettings(idp, idp.clients.public, { dpop: true }) });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await keyStore.get('no-such-profile', 'dpop-key')).toBeNull();
    } finally {
      await core.dispose();
    }
  });
});
