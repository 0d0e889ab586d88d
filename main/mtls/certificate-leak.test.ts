// A client certificate's private key and its passwords (PKCS#12, encrypted PEM key) must never
// leave main and the keychain: after mTLS flows and every token action, look for them — whole, as
// base64 lines, URL-encoded — in the data folder, the exported profiles, the flow snapshots (what
// "Export trace" writes and the curl commands built from them), every result and event that crossed
// the contract (wrong-password refusals included), and everything written to the console.
import { createPrivateKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { captureOutput, completeFlow, expectNoNeedles, leakHaystacks, recordingCore } from '../test-support/leak-search';
import { MTLS_CLIENTS, startMtlsIdp, type MtlsIdp } from './test-support/mtls-idp';
import { createTestPki, trustTestCa, type TestPki } from './test-support/test-pki';

let pki: TestPki;
let idp: MtlsIdp;
let dataDir: string;
let untrust: () => void;
beforeAll(async () => {
  pki = createTestPki();
  untrust = trustTestCa(pki.ca.certPem);
  idp = await startMtlsIdp(pki);
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-mtls-leak-'));
});
afterAll(async () => {
  await idp?.close();
  untrust?.();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The base64 lines of a PEM block (its headers and short last line left out): any one of them found is a leak. */
const pemLines = (pem: string) => pem.split('\n').filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line.trim()));
const base64Chunks = (text: string) => Array.from({ length: Math.floor(text.length / 64) }, (_, i) => text.slice(i * 64, i * 64 + 64));
const stringsOf = (secret: string) => [secret, encodeURIComponent(secret)];

describe('client certificate key material never leaks', () => {
  it('is in no file, export, trace, contract result, event or console line', async () => {
    const output = captureOutput();
    const { core, crossed, call, value } = recordingCore(dataDir);

    const keyPassword = 'pem-key-pass-51b0';
    const encryptedKey = createPrivateKey(pki.selfSigned.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: keyPassword }) as string;
    const wrongPassword = 'wrong-p12-pass-c7e2';
    const needles = [
      ...pemLines(pki.client.keyPem),
      ...pemLines(pki.selfSigned.keyPem),
      ...pemLines(encryptedKey),
      ...base64Chunks(pki.pkcs12Base64),
      ...stringsOf(pki.pkcs12Password),
      ...stringsOf(keyPassword),
      ...stringsOf(wrongPassword),
    ];
    expect(needles.length).toBeGreaterThan(10);

    const discovered = value<{ ok: true; discovered: FlowSettings['metadata'] }>(await call('discover', { issuer: idp.issuer }));
    const settings = (clientId: string, clientAuthentication: FlowSettings['clientAuthentication']): FlowSettings => ({
      ...defaultFlowSettings(),
      issuer: idp.issuer,
      metadata: discovered.discovered,
      authUrl: idp.authorizationEndpoint,
      accessTokenUrl: idp.tokenEndpoint,
      clientId,
      clientAuthentication,
      useClientCertificate: true,
      scope: 'openid profile offline_access',
      extraAuthParams: [{ key: 'prompt', value: 'consent', enabled: true }],
    });
    const runFlow = async (flowSettings: FlowSettings, profileId: string): Promise<FlowSnapshot> => {
      const started = value<FlowSnapshot>(await call('startFlow', { settings: flowSettings, profileId, clientSecret: { source: 'none' } }));
      return completeFlow(core, started, idp, { cookieJar: new CookieJar() });
    };

    try {
      // 1. PKCS#12 (a wrong password first: its refusal must not repeat it), tls_client_auth.
      const caSettings = settings(MTLS_CLIENTS.caIssued, 'tls_client_auth');
      const caProfile = value<{ id: string }>(await call('createProfile', { name: 'mTLS PKCS#12', settings: caSettings }));
      const refused = await call('setClientCertificate', { profileId: caProfile.id, certificate: { format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: wrongPassword } });
      expect(refused.ok).toBe(false);
      value(await call('setClientCertificate', { profileId: caProfile.id, certificate: { format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: pki.pkcs12Password } }));
      const caFlow = await runFlow(caSettings, caProfile.id);
      expect(caFlow.status).toBe('done');

      // 2. An encrypted PEM key with its password, self_signed_tls_client_auth.
      const selfSettings = settings(MTLS_CLIENTS.selfSigned, 'self_signed_tls_client_auth');
      const selfProfile = value<{ id: string }>(await call('createProfile', { name: 'mTLS PEM', settings: selfSettings }));
      value(await call('setClientCertificate', { profileId: selfProfile.id, certificate: { format: 'pem', certificate: pki.selfSigned.certPem, privateKey: encryptedKey, password: keyPassword } }));
      const selfFlow = await runFlow(selfSettings, selfProfile.id);
      expect(selfFlow.status).toBe('done');
      const summary = value<{ certificate: { thumbprint: string } }>(await call('getClientCertificate', { profileId: selfProfile.id }));

      // 3. Every token action that presents the certificate.
      const actions = [{ kind: 'introspect', token: 'access_token' }, { kind: 'userinfo' }, { kind: 'call-api', method: 'GET', url: `${idp.mtlsOrigin}/me`, headers: [] }, { kind: 'refresh' }, { kind: 'revoke', token: 'refresh_token' }];
      for (const [flow, flowSettings, profileId] of [
        [caFlow, caSettings, caProfile.id],
        [selfFlow, selfSettings, selfProfile.id],
      ] as const) {
        for (const action of actions) value(await call('tokenAction', { flowId: flow.flowId, action, settings: flowSettings, profileId, clientSecret: { source: 'none' } }));
      }

      const exported = value<{ json: string }>(await call('exportProfiles', {}));
      value(await call('duplicateProfile', { id: caProfile.id }));
      const flows = value<FlowSnapshot[]>(await call('listFlows', {}));
      const presented = flows.flatMap((f) => f.trace.filter((t) => (t.kind === 'token_request' || t.kind === 'action_request') && t.tlsClientCertificate));
      // The search covers requests that did present the certificate.
      expect(presented.length).toBeGreaterThanOrEqual(2 + 2 * actions.length);
      const haystacks = await leakHaystacks({ dataDir, exportedJson: exported.json, flows, crossed, output });
      expectNoNeedles(haystacks, needles, 'key material');
      // The search itself works: the certificate's public thumbprint is in the traces.
      expect(flows.map((f) => JSON.stringify(f, null, 2)).join('\n')).toContain(summary.certificate.thumbprint);
    } finally {
      vi.restoreAllMocks();
      await core.dispose();
    }
  }, 60_000);
});
