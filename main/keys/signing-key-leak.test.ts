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
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { captureOutput, completeFlow, curlsOf, expectNoNeedles, leakHaystacks, recordingCore } from '../test-support/leak-search';
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

describe('private signing keys never leak', () => {
  it('are in no file, export, trace, curl, contract result, event or console line', async () => {
    const output = captureOutput();
    const keys = createMemoryKeyStore();
    const { core, crossed, call, value } = recordingCore(dataDir, keys);
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
      return completeFlow(core, started, idp);
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
      const curls = curlsOf(flows);
      // The assertions themselves are in the traces (they are not the key).
      expect(curls.filter((c) => c.includes('client_assertion=')).length).toBeGreaterThanOrEqual(5);

      const haystacks = await leakHaystacks({ dataDir, exportedJson: exported.json, flows, crossed, output });
      const rsaJwk = rsa.privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
      // A PEM line may also spell part of the public modulus, which is shown on purpose (the public JWK's `n`): such lines prove nothing.
      const publicModulus = [rsaJwk.n as string, Buffer.from(rsaJwk.n as string, 'base64url').toString('base64')];
      const privatePemLines = pemBody(pem).filter((line) => !publicModulus.some((n) => n.includes(line)));
      const needles = [...privatePemLines, ...privateParts(rsaJwk), ...privateParts(ecJwk), ...privateParts(generatedJwk)];
      expect(needles.length).toBeGreaterThan(20);
      expectNoNeedles(haystacks, needles, 'private key material');
      // The search itself works: the keychain does hold them.
      expect(await keys.get(pemProfile.id, 'signing-key')).toContain(rsaJwk.d as string);
    } finally {
      vi.restoreAllMocks();
      await core.dispose();
    }
  }, 60_000);
});
