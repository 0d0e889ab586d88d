// Client authentication by assertion end to end: the app core (as both hosts build it, keys in a
// memory key store) against oidc-provider 9 with private_key_jwt and client_secret_jwt clients, the
// first registered with the public JWK Set of the profile's keys. Flows, refresh, introspection and
// revocation each carry a fresh assertion; a key the IdP does not know is refused and explained.
import { generateKeyPairSync } from 'node:crypto';
import type { ClientMetadata } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NATIVE_REDIRECT_URIS, SCOPES } from '../../demo-idp/config';
import { loginOverHttp } from '../../demo-idp/http-login';
import { grantErrorDetail, startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import type { ClientSecretChoice } from '../../shared/contract';
import { dispatch } from '../../shared/contract-dispatch';
import { explainFlowError } from '../../shared/error-explanations';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import type { FlowSettings } from '../../shared/settings';
import type { SigningKeySummary } from '../../shared/signing-key';
import { CLIENT_ASSERTION_TYPE } from '../../shared/token-request';
import { demoSettings, startTestCore, type TestCore } from '../token-actions/test-support/core-flow';

const PKJWT = 'pkce-inspector-private-key-jwt';
const CSJWT = 'pkce-inspector-client-secret-jwt';
const CSJWT_SECRET = 'client-secret-jwt-demo-secret-0123456789-abcdefghij';

let idp: DemoIdp;
let t: TestCore;
/** A profile whose key was generated in the app; one with a pasted RSA key; one with a key the IdP does not know. */
let generated: { id: string; key: SigningKeySummary };
let pastedPem: string;
let stranger: { id: string };

const client = (overrides: ClientMetadata): ClientMetadata => ({
  application_type: 'native',
  redirect_uris: [...NATIVE_REDIRECT_URIS],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  scope: SCOPES.join(' '),
  ...overrides,
});

beforeAll(async () => {
  t = await startTestCore();
  // Keys first: the IdP registers their public halves when it starts.
  const placeholder = { ...demoSettingsFor('https://idp.invalid'), clientAuthentication: 'private_key_jwt' as const };
  const gen = await t.call('createProfile', { name: 'generated', settings: placeholder });
  generated = { id: gen.id, key: (await t.call('generateSigningKey', { profileId: gen.id, alg: 'ES256', kid: '' })).key };
  const other = await t.call('createProfile', { name: 'stranger', settings: placeholder });
  await t.call('generateSigningKey', { profileId: other.id, alg: 'ES256', kid: generated.key.kid });
  stranger = { id: other.id };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  pastedPem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const pastedPublic = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-pasted', use: 'sig' };

  idp = await startDemoIdp({
    configure: (configuration) => {
      configuration.clientAuthMethods = ['none', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt'];
      configuration.clients = [
        ...(configuration.clients ?? []),
        client({ client_id: PKJWT, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [generated.key.publicJwk, pastedPublic] as never } }),
        client({ client_id: CSJWT, client_secret: CSJWT_SECRET, token_endpoint_auth_method: 'client_secret_jwt' }),
      ];
    },
  });
}, 60_000);

afterAll(async () => {
  await t?.dispose();
  await idp?.close();
});

function demoSettingsFor(issuer: string): FlowSettings {
  const fake = { authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, revocationEndpoint: `${issuer}/token/revocation`, introspectionEndpoint: `${issuer}/token/introspection`, userinfoEndpoint: `${issuer}/me`, endSessionEndpoint: `${issuer}/session/end`, jwksUri: `${issuer}/jwks` };
  return demoSettings(fake as DemoIdp, { clientId: PKJWT, clientSecret: null, tokenEndpointAuthMethod: 'none', applicationType: 'native', redirectUris: NATIVE_REDIRECT_URIS, description: '' }, { issuer });
}

const settingsFor = (clientId: string, overrides: Partial<FlowSettings>): FlowSettings => ({ ...demoSettingsFor(idp.issuer), clientId, ...overrides });

/** Starts a flow for a saved profile, signs in over HTTP, and waits for its end. */
async function runFlow(settings: FlowSettings, profileId: string | null, clientSecret: ClientSecretChoice = { source: 'none' }): Promise<FlowSnapshot> {
  const started = await t.call('startFlow', { settings, profileId, clientSecret });
  const redirect = await loginOverHttp(started.authorizationUrl, { login: idp.user.login, password: idp.user.password, isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
  await fetch(redirect).then((r) => r.text());
  await vi.waitFor(() => {
    const status = t.core.engine.get(started.flowId)?.status;
    if (status !== 'done' && status !== 'failed') throw new Error(`flow still ${status}`);
  }, { timeout: 15_000 });
  return t.core.lifecycle.snapshot(started.flowId)!;
}

const tokenRequest = (flow: FlowSnapshot) => flow.trace.find((e): e is Extract<TraceEntry, { kind: 'token_request' }> => e.kind === 'token_request')!;
const lastActionRequest = (flow: FlowSnapshot) => flow.trace.filter((e): e is Extract<TraceEntry, { kind: 'action_request' }> => e.kind === 'action_request').at(-1)!;

describe('client authentication by assertion against oidc-provider 9', () => {
  it('private_key_jwt with a generated key: tokens, then refresh, introspection and revocation, each with a fresh assertion shown decoded', async () => {
    const settings = settingsFor(PKJWT, { clientAuthentication: 'private_key_jwt' });
    const flow = await runFlow(settings, generated.id);
    expect(flow.status, flow.error?.message).toBe('done');

    const request = tokenRequest(flow);
    expect(request.clientAuth).toBe('private_key_jwt');
    expect(request.clientAssertion?.header).toEqual({ alg: 'ES256', kid: generated.key.kid, typ: 'JWT' });
    const payload = request.clientAssertion!.payload;
    expect(payload).toMatchObject({ iss: PKJWT, sub: PKJWT, aud: idp.tokenEndpoint });
    expect((payload.exp as number) - (payload.iat as number)).toBe(60);
    const received = idp.tokenRequests.at(-1)!.body;
    expect(received.client_assertion_type).toBe(CLIENT_ASSERTION_TYPE);
    expect(received.client_secret).toBeUndefined();
    expect(idp.tokenRequests.at(-1)!.headers.authorization).toBeUndefined();

    const act = (action: Parameters<typeof t.call<'tokenAction'>>[1]['action'], flowId = flow.flowId) => t.call('tokenAction', { flowId, action, settings, profileId: generated.id, clientSecret: { source: 'none' } });
    const refreshed = await act({ kind: 'refresh' });
    expect(refreshed.created?.tokens?.accessToken).toBeTruthy();
    const refreshRequest = lastActionRequest(refreshed.flow);
    expect(refreshRequest).toMatchObject({ action: 'refresh', clientAuth: 'private_key_jwt', clientAssertion: { payload: { aud: idp.tokenEndpoint, iss: PKJWT } } });
    expect(refreshRequest.clientAssertion!.payload.jti).not.toBe(payload.jti);

    const entry = refreshed.created!.flowId;
    const introspected = await act({ kind: 'introspect', token: 'access_token' }, entry);
    expect(introspected.flow.lifecycle!.results.at(-1)).toMatchObject({ outcome: 'ok', rows: expect.arrayContaining([{ name: 'active', value: 'true', verdict: 'ok' }]) });
    expect(lastActionRequest(introspected.flow).clientAssertion?.payload.aud).toBe(idp.introspectionEndpoint);

    const revoked = await act({ kind: 'revoke', token: 'refresh_token' }, entry);
    expect(revoked.flow.lifecycle!.results.at(-1)?.outcome).toBe('ok');
    expect(lastActionRequest(revoked.flow).clientAssertion?.payload.aud).toBe(idp.revocationEndpoint);
    const after = await act({ kind: 'introspect', token: 'refresh_token' }, entry);
    expect(after.flow.lifecycle!.results.at(-1)?.summary).toMatch(/Inactive/);
  });

  it('private_key_jwt with a pasted RSA key (PS256) and the issuer as audience', async () => {
    const settings = settingsFor(PKJWT, { clientAuthentication: 'private_key_jwt', assertionAudience: 'issuer' });
    const profile = await t.call('createProfile', { name: 'pasted', settings });
    const { key } = await t.call('setSigningKey', { profileId: profile.id, privateKey: pastedPem, alg: 'PS256', kid: 'rsa-pasted' });
    expect(key.boundOrigins).toEqual([idp.issuer]);
    const flow = await runFlow(settings, profile.id);
    expect(flow.status, flow.error?.message).toBe('done');
    expect(tokenRequest(flow).clientAssertion).toMatchObject({ header: { alg: 'PS256', kid: 'rsa-pasted' }, payload: { aud: idp.issuer } });
  });

  it('client_secret_jwt: HS256 with the client secret, which is never sent; refresh too', async () => {
    const settings = settingsFor(CSJWT, { clientAuthentication: 'client_secret_jwt' });
    const secret: ClientSecretChoice = { source: 'once', value: CSJWT_SECRET };
    const flow = await runFlow(settings, null, secret);
    expect(flow.status, flow.error?.message).toBe('done');
    expect(tokenRequest(flow).clientAssertion).toMatchObject({ header: { alg: 'HS256' }, payload: { iss: CSJWT, sub: CSJWT, aud: idp.tokenEndpoint } });
    expect(JSON.stringify(idp.tokenRequests.at(-1))).not.toContain(CSJWT_SECRET);
    const refreshed = await t.call('tokenAction', { flowId: flow.flowId, action: { kind: 'refresh' }, settings, profileId: null, clientSecret: secret });
    expect(refreshed.created?.tokens?.accessToken).toBeTruthy();
    expect(lastActionRequest(refreshed.flow).clientAuth).toBe('client_secret_jwt');
  });

  it('a key the IdP does not know is refused with invalid_client, and explained', async () => {
    const errorsBefore = idp.grantErrors.length;
    const flow = await runFlow(settingsFor(PKJWT, { clientAuthentication: 'private_key_jwt' }), stranger.id);
    expect(flow.status).toBe('failed');
    expect(flow.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_client', httpStatus: 401 });
    expect(explainFlowError(flow.error!, { clientAuth: tokenRequest(flow).clientAuth }).map((e) => e.id)).toEqual(['assertion_refused']);
    // oidc-provider's reason, behind the bare invalid_client: the signature did not verify with the registered keys.
    expect(idp.grantErrors.slice(errorsBefore).map(grantErrorDetail).join(' ')).toMatch(/signature|no matching key|verification/i);
  });

  it('says what is missing before the browser opens: a saved profile, its key, the secret, the issuer', async () => {
    const opened = t.launcher.opened.length;
    const start = (settings: FlowSettings, profileId: string | null, clientSecret: ClientSecretChoice = { source: 'none' }) => dispatch(t.core.handlers, 'startFlow', { settings, profileId, clientSecret });
    const pkjwt = settingsFor(PKJWT, { clientAuthentication: 'private_key_jwt' });
    expect(await start(pkjwt, null)).toMatchObject({ ok: false, error: { code: 'invalid_settings', message: expect.stringMatching(/saved profile/) } });
    const keyless = await t.call('createProfile', { name: 'keyless', settings: pkjwt });
    expect(await start(pkjwt, keyless.id)).toMatchObject({ ok: false, error: { code: 'invalid_settings', message: expect.stringMatching(/Generate key/) } });
    expect(await start(settingsFor(CSJWT, { clientAuthentication: 'client_secret_jwt' }), null)).toMatchObject({ ok: false, error: { code: 'invalid_settings', fields: [{ field: 'clientSecret' }] } });
    expect(await start(settingsFor(CSJWT, { clientAuthentication: 'client_secret_jwt', assertionAudience: 'issuer', issuer: '' }), null, { source: 'once', value: CSJWT_SECRET })).toMatchObject({
      ok: false,
      error: { code: 'invalid_settings', fields: [{ field: 'issuer' }] },
    });
    expect(t.launcher.opened.length).toBe(opened);
  });
});
