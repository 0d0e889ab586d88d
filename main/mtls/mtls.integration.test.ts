// Mutual TLS end to end (RFC 8705): the app core as both hosts build it, a saved profile holding a
// client certificate in the key store, and oidc-provider 9 over HTTPS with its mTLS endpoints as
// aliases. Flows sign in over HTTP(S) as a browser would.
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_API } from '../../demo-idp/config';
import { grantErrorDetail } from '../../demo-idp/provider';
import { loginOverHttp } from '../../demo-idp/http-login';
import type { ClientCertificateInput } from '../../shared/mtls';
import { explainFlowError } from '../../shared/error-explanations';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { startTestCore, type TestCore } from '../token-actions/test-support/core-flow';
import { MTLS_CLIENTS, startMtlsIdp, type MtlsIdp } from './test-support/mtls-idp';
import { CLIENT_SUBJECT, createTestPki, trustTestCa, type TestPki } from './test-support/test-pki';

let pki: TestPki;
let idp: MtlsIdp;
let t: TestCore;
let untrust: () => void;
let metadata: FlowSettings['metadata'];

beforeAll(async () => {
  pki = createTestPki();
  untrust = trustTestCa(pki.ca.certPem);
  idp = await startMtlsIdp(pki);
  t = await startTestCore();
  const discovered = await t.call('discover', { issuer: idp.issuer });
  if (!discovered.ok) throw new Error(discovered.error.message);
  metadata = discovered.discovered;
});
afterAll(async () => {
  await t?.dispose();
  await idp?.close();
  untrust?.();
});

function settingsFor(clientId: string, overrides: Partial<FlowSettings> = {}): FlowSettings {
  return {
    ...defaultFlowSettings(),
    issuer: idp.issuer,
    metadata,
    authUrl: idp.authorizationEndpoint,
    accessTokenUrl: idp.tokenEndpoint,
    clientId,
    scope: 'openid profile offline_access',
    extraAuthParams: [{ key: 'prompt', value: 'consent', enabled: true }],
    useClientCertificate: true,
    ...overrides,
  };
}

async function profileWith(name: string, settings: FlowSettings, certificate: ClientCertificateInput): Promise<string> {
  const profile = await t.call('createProfile', { name, settings });
  await t.call('setClientCertificate', { profileId: profile.id, certificate });
  return profile.id;
}

async function runFlow(settings: FlowSettings, profileId: string | null): Promise<FlowSnapshot> {
  const started = await t.call('startFlow', { settings, profileId, clientSecret: { source: 'none' } });
  const redirect = await loginOverHttp(started.authorizationUrl, { login: idp.user.login, password: idp.user.password, cookieJar: new CookieJar(), isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
  await fetch(redirect).then((r) => r.text());
  await vi.waitFor(() => {
    const status = t.core.engine.get(started.flowId)?.status;
    if (status !== 'done' && status !== 'failed') throw new Error(`flow still ${status}`);
  }, { timeout: 15_000 });
  return t.core.lifecycle.snapshot(started.flowId)!;
}

const tokenRequest = (flow: FlowSnapshot) => flow.trace.find((e): e is Extract<TraceEntry, { kind: 'token_request' }> => e.kind === 'token_request')!;
const bindingRow = (flow: FlowSnapshot) => flow.tokens?.validation?.accessToken?.rows.find((r) => r.name === 'Certificate binding (cnf x5t#S256)');
const pem = (which: 'client' | 'otherClient' | 'selfSigned'): ClientCertificateInput => ({ format: 'pem', certificate: pki[which].certPem, privateKey: pki[which].keyPem });

describe('mutual TLS against oidc-provider', () => {
  it('tls_client_auth with a PKCS#12 certificate: the token request goes to the mTLS alias, the token is bound, and refresh, introspection and UserInfo present it too', async () => {
    const settings = settingsFor(MTLS_CLIENTS.caIssued, { clientAuthentication: 'tls_client_auth' });
    const profileId = await profileWith('mTLS (CA-issued)', settings, { format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: pki.pkcs12Password });
    const flow = await runFlow(settings, profileId);
    expect(flow.error).toBeUndefined();
    expect(flow.status).toBe('done');

    const request = tokenRequest(flow);
    expect(request.url).toBe(idp.mtlsTokenEndpoint);
    expect(request.clientAuth).toBe('tls_client_auth');
    expect(request.bodyParams.map(([k]) => k)).toEqual(['grant_type', 'code', 'redirect_uri', 'code_verifier', 'client_id']);
    expect(request.headers.authorization).toBeUndefined();
    const { certificate } = await t.call('getClientCertificate', { profileId });
    expect(request.tlsClientCertificate).toEqual({ subject: CLIENT_SUBJECT, thumbprint: certificate!.thumbprint });
    // An opaque access token: its binding is read by introspection.
    expect(bindingRow(flow)).toMatchObject({ verdict: 'not checked' });

    const introspected = await t.call('tokenAction', { flowId: flow.flowId, action: { kind: 'introspect', token: 'access_token' }, settings, profileId, clientSecret: { source: 'none' } });
    const result = introspected.flow.lifecycle!.results.at(-1)!;
    expect(result.outcome).toBe('ok');
    expect(result.rows).toContainEqual({ name: 'Certificate binding (cnf x5t#S256)', value: expect.stringMatching(/is the thumbprint of the client certificate presented/), verdict: 'ok' });
    const introspection = introspected.flow.trace.filter((e) => e.kind === 'action_request').at(-1) as Extract<TraceEntry, { kind: 'action_request' }>;
    expect(introspection.url).toBe(`${idp.mtlsOrigin}/token/introspection`);
    expect(introspection.tlsClientCertificate?.thumbprint).toBe(certificate!.thumbprint);

    const userinfo = await t.call('tokenAction', { flowId: flow.flowId, action: { kind: 'userinfo' }, settings, profileId, clientSecret: { source: 'none' } });
    expect(userinfo.flow.lifecycle!.results.at(-1)).toMatchObject({ kind: 'userinfo', outcome: 'ok' });

    const refreshed = await t.call('tokenAction', { flowId: flow.flowId, action: { kind: 'refresh' }, settings, profileId, clientSecret: { source: 'none' } });
    expect(refreshed.flow.lifecycle!.results.at(-1)).toMatchObject({ kind: 'refresh', outcome: 'ok' });
    expect(refreshed.created?.tokens?.accessToken).toBeDefined();
  });

  it('self_signed_tls_client_auth with a PEM certificate: a JWT access token whose cnf x5t#S256 is the certificate thumbprint', async () => {
    const settings = settingsFor(MTLS_CLIENTS.selfSigned, { clientAuthentication: 'self_signed_tls_client_auth', resource: DEMO_API.resource, scope: 'openid api:read' });
    const profileId = await profileWith('mTLS (self-signed)', settings, pem('selfSigned'));
    const flow = await runFlow(settings, profileId);
    expect(flow.error).toBeUndefined();
    expect(tokenRequest(flow).clientAuth).toBe('self_signed_tls_client_auth');
    expect(bindingRow(flow)).toMatchObject({ verdict: 'pass', reason: expect.stringMatching(/the token is bound to it/) });
  });

  it('a certificate the client is not registered with: refused, and the explanation names the certificate', async () => {
    const settings = settingsFor(MTLS_CLIENTS.caIssued, { clientAuthentication: 'tls_client_auth' });
    const profileId = await profileWith('mTLS (wrong certificate)', settings, pem('otherClient'));
    const errorsBefore = idp.grantErrors.length;
    const flow = await runFlow(settings, profileId);
    expect(flow.status).toBe('failed');
    expect(flow.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_client' });
    expect(idp.grantErrors.slice(errorsBefore).map(grantErrorDetail).join(' ')).toMatch(/certificate subject value does not match the registered one/);
    expect(tokenRequest(flow).tlsClientCertificate?.subject).toBe('CN=someone-else, O=PKCE Inspector Tests');
    const explained = explainFlowError(flow.error!, { clientAuth: tokenRequest(flow).clientAuth });
    expect(explained[0]).toMatchObject({ id: 'invalid_client_certificate', title: 'The IdP did not accept the client certificate' });
    expect(explained.map((e) => e.id)).not.toContain('invalid_client');
  });

  it('without a certificate to present: clear settings errors before any request', async () => {
    const noCertificate = settingsFor(MTLS_CLIENTS.caIssued, { clientAuthentication: 'tls_client_auth', useClientCertificate: false });
    await expect(t.call('startFlow', { settings: noCertificate, profileId: null, clientSecret: { source: 'none' } })).rejects.toThrow(/invalid_settings: .*tls_client_auth authenticates the client by its TLS client certificate: turn on Client certificate/);
    const unsaved = settingsFor(MTLS_CLIENTS.caIssued, { clientAuthentication: 'tls_client_auth' });
    await expect(t.call('startFlow', { settings: unsaved, profileId: null, clientSecret: { source: 'none' } })).rejects.toThrow(/Client certificate needs a saved profile/);
    const profile = await t.call('createProfile', { name: 'mTLS (no certificate yet)', settings: unsaved });
    await expect(t.call('startFlow', { settings: unsaved, profileId: profile.id, clientSecret: { source: 'none' } })).rejects.toThrow(/this profile has no certificate/);
  });

  it('a PKCS#12 file with a wrong password is refused and nothing is stored', async () => {
    const profile = await t.call('createProfile', { name: 'mTLS (wrong password)', settings: settingsFor(MTLS_CLIENTS.caIssued) });
    await expect(t.call('setClientCertificate', { profileId: profile.id, certificate: { format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: 'not-the-password' } })).rejects.toThrow(
      /^invalid_input: Wrong password for the PKCS#12 file/,
    );
    expect(await t.call('getClientCertificate', { profileId: profile.id })).toEqual({ certificate: null });
    const stored = await t.call('setClientCertificate', { profileId: profile.id, certificate: { format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: pki.pkcs12Password } });
    expect(stored.certificate).toMatchObject({ subject: CLIENT_SUBJECT, format: 'pkcs12' });
    expect(await t.call('clearClientCertificate', { profileId: profile.id })).toEqual({ certificate: null });
    expect(await t.call('getClientCertificate', { profileId: profile.id })).toEqual({ certificate: null });
  });
});
