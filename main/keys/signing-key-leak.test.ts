// The profile's private signing key must never leave the keychain and main's memory: after keys
// pasted as PEM and as a JWK, one generated, one refused, flows and token actions that signed
// assertions with them, and profile export/import/duplicate, look for the private parts (the PEM's
// base64, the JWK's d, p, q, dp, dq, qi) in the data folder, the profile export, the flow snapshots
// ("Export trace", with secrets included), curl commands, every contract result and event, and the console.
import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NATIVE_REDIRECT_URIS, SCOPES } from '../../demo-idp/config';
import { loginOverHttp } from '../../demo-idp/http-login';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import type { ApiResult, MethodName } from '../../shared/contract';
import { dispatch } from '../../shared/contract-dispatch';
import { buildCurlCommand } from '../../shared/curl';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { createAppCore } from '../api/create-app-core';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { createMemorySecretStore } from '../store/secret-store';
import { createMemoryKeyStore } from './key-store';

const CLIENT = 'pkce-inspector-leak-private-key-jwt';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pem = rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string;
const ecJwk = { ...(ec.privateKey.export({ format: 'jwk' }) as Record<string, string>), kid: 'ec-jwk' };

let idp: DemoIdp;
let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-key-leak-'));
  idp = await startDemoIdp({
    configure: (configuration) => {
      configuration.clients = [
        ...(configuration.clients ?? []),
        {
          client_id: CLIENT,
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-pem' }, { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-jwk' }] as never },
          application_type: 'native',
          redirect_uris: [...NATIVE_REDIRECT_URIS],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          scope: SCOPES.join(' '),
        },
      ];
    },
  });
});
afterAll(async () => {
  await idp?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The private parts of a JWK (base64url), and the base64 body of a PEM (whole, and line by line). */
function privateParts(jwk: Record<string, unknown>): string[] {
  return PRIVATE_MEMBERS.flatMap((m) => (typeof jwk[m] === 'string' ? [jwk[m]] : []));
}
const pemBody = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('private signing keys never leak', () => {
  it('are in no file, export, trace, curl, contract result, event or console line', async () => {
    const console_: string[] = [];
    const keep = (...args: unknown[]) => void console_.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a, Object.getOwnPropertyNames(a ?? {})))).join(' '));
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, level).mockImplementation(keep);
    const realStderr = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => (console_.push(String(chunk)), realStderr(chunk, ...(rest as []))));

    const keys = createMemoryKeyStore();
    const crossed: unknown[] = [];
    const core = createAppCore({ dataDir, launcher: new RecordingLauncher(), runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore: keys });
    core.subscribe((event, payload) => crossed.push({ event, payload }));
    const call = async <M extends MethodName>(method: M, input: unknown) => {
      const result = (await dispatch(core.handlers, method, input, (err) => console.error('internal error', err))) as ApiResult<never>;
      crossed.push({ method, result });
      return result;
    };
    const value = <T,>(r: ApiResult<unknown>): T => {
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    const settings: FlowSettings = {
      ...defaultFlowSettings(),
      issuer: idp.issuer,
      authUrl: idp.authorizationEndpoint,
      accessTokenUrl: idp.tokenEndpoint,
      clientId: CLIENT,
      clientAuthentication: 'private_key_jwt',
      scope: 'openid offline_access',
      extraAuthParams: [{ key: 'prompt', value: 'consent', enabled: true }],
      revocationUrl: idp.revocationEndpoint,
      introspectionUrl: idp.introspectionEndpoint,
      jwksUri: idp.jwksUri,
    };
    const runFlow = async (profileId: string, flowSettings = settings): Promise<FlowSnapshot> => {
      const started = value<FlowSnapshot>(await call('startFlow', { settings: flowSettings, profileId, clientSecret: { source: 'none' } }));
      const redirect = await loginOverHttp(started.authorizationUrl, { login: idp.user.login, password: idp.user.password, isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
      await fetch(redirect).then((r) => r.text());
      await vi.waitFor(() => expect(core.engine.get(started.flowId)?.status).toMatch(/done|failed/), { timeout: 10_000 });
      return core.engine.get(started.flowId)!;
    };

    try {
      // Pasted PEM (PKCS#1), pasted JWK, generated; and a paste refused (alg mismatch) with the key in the input.
      const pemProfile = value<{ id: string }>(await call('createProfile', { name: 'PEM', settings }));
      value(await call('setSigningKey', { profileId: pemProfile.id, privateKey: pem, alg: 'PS256', kid: 'rsa-pem' }));
      const jwkProfile = value<{ id: string }>(await call('createProfile', { name: 'JWK', settings: { ...settings, assertionAudience: 'issuer' } }));
      value(await call('setSigningKey', { profileId: jwkProfile.id, privateKey: JSON.stringify(ecJwk), alg: '', kid: '' }));
      const genProfile = value<{ id: string }>(await call('createProfile', { name: 'Generated', settings }));
      value(await call('generateSigningKey', { profileId: genProfile.id, alg: 'ES256', kid: '' }));
      expect((await call('setSigningKey', { profileId: genProfile.id, privateKey: pem, alg: 'ES256', kid: '' })).ok).toBe(false);
      const generatedJwk = JSON.parse((await keys.get(genProfile.id, 'signing-key'))!).privateJwk as Record<string, unknown>;

      const withPem = await runFlow(pemProfile.id);
      expect(withPem.status, withPem.error?.message).toBe('done');
      const withJwk = await runFlow(jwkProfile.id, { ...settings, assertionAudience: 'issuer' });
      expect(withJwk.status, withJwk.error?.message).toBe('done');
      // Not registered at the IdP: refused, and the failure carries no key either.
      expect((await runFlow(genProfile.id)).status).toBe('failed');

      for (const action of [{ kind: 'refresh' }, { kind: 'introspect', token: 'access_token' }, { kind: 'revoke', token: 'refresh_token' }]) {
        value(await call('tokenAction', { flowId: withPem.flowId, action, settings, profileId: pemProfile.id, clientSecret: { source: 'none' } }));
      }
      for (const id of [pemProfile.id, jwkProfile.id, genProfile.id]) value(await call('getSigningKey', { profileId: id }));

      const exported = value<{ json: string }>(await call('exportProfiles', {}));
      value(await call('importProfiles', { json: exported.json }));
      value(await call('duplicateProfile', { id: pemProfile.id }));

      const flows = value<FlowSnapshot[]>(await call('listFlows', {}));
      const traceExports = flows.map((f) => JSON.stringify(f, null, 2));
      const curls = flows.flatMap((f) => f.trace.flatMap((t) => (t.kind === 'token_request' || t.kind === 'action_request' ? [JSON.stringify(buildCurlCommand(t))] : [])));
      // The assertions themselves are in the traces (they are not the key).
      expect(curls.filter((c) => c.includes('client_assertion=')).length).toBeGreaterThanOrEqual(5);

      const files = await filesUnder(dataDir);
      const haystacks: Array<[string, string]> = [
        ...(await Promise.all(files.map(async (f): Promise<[string, string]> => [`file ${path.relative(dataDir, f)}`, await fs.readFile(f, 'latin1')]))),
        ['profile export', exported.json],
        ...traceExports.map((t, i): [string, string] => [`trace export ${i}`, t]),
        ...curls.map((c, i): [string, string] => [`curl ${i}`, c]),
        ['contract results and events', JSON.stringify(crossed)],
        ['console', console_.join('\n')],
      ];
      const rsaJwk = rsa.privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
      const needles = [...pemBody(pem), ...privateParts(rsaJwk), ...privateParts(ecJwk), ...privateParts(generatedJwk)];
      expect(needles.length).toBeGreaterThan(20);
      for (const [where, text] of haystacks) {
        for (const needle of needles) expect(text.includes(needle), `${where} contains private key material (${needle.slice(0, 6)}…)`).toBe(false);
      }
      // The search itself works: the keychain does hold them.
      expect(await keys.get(pemProfile.id, 'signing-key')).toContain(rsaJwk.d as string);
    } finally {
      vi.restoreAllMocks();
      await core.dispose();
    }
  }, 60_000);
});
