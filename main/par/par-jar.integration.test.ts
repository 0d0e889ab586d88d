// PAR (RFC 9126) and signed request objects (RFC 9101) end to end against the REAL oidc-provider 9
// of demo-idp/ on 127.0.0.1: the flow engine pushes or signs, the user signs in through the
// provider's own pages over HTTP, the redirect reaches the loopback listener, the code is exchanged.
// One provider as the demo IdP runs it (PAR allowed, request objects enabled for one client that
// registered its public key), one that requires PAR.
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK } from 'jose';
import type { ClientMetadata } from 'oidc-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginOverHttp } from '../../demo-idp/http-login';
import { NATIVE_REDIRECT_URIS, SCOPES } from '../../demo-idp/config';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { explainFlowError } from '../../shared/error-explanations';
import { ApiError } from '../../shared/errors';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { REDACTED } from '../../shared/token-request';
import { FlowEngine } from '../flow/flow-engine';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import type { SigningKeyMaterial } from '../keys/key-material';
import { discoverMetadata } from '../oidc/discovery';

const JAR_CLIENT = 'pkce-inspector-jar';
const PKJWT_CLIENT = 'pkce-inspector-pkjwt';

async function esKey(kid: string): Promise<SigningKeyMaterial> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { alg: 'ES256', kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

let idp: DemoIdp;
let strict: DemoIdp;
let registeredKey: SigningKeyMaterial;
beforeAll(async () => {
  registeredKey = await esKey('registered-1');
  idp = await startDemoIdp({
    configure: (config) => {
      config.features!.requestObjects = { enabled: true };
      config.clients = [
        ...config.clients!,
        {
          client_id: JAR_CLIENT,
          token_endpoint_auth_method: 'none',
          application_type: 'native',
          redirect_uris: [...NATIVE_REDIRECT_URIS],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          scope: SCOPES.join(' '),
          request_object_signing_alg: 'ES256',
          jwks: { keys: [registeredKey.publicJwk as Record<string, unknown>] },
        } as ClientMetadata,
        {
          client_id: PKJWT_CLIENT,
          token_endpoint_auth_method: 'private_key_jwt',
          application_type: 'native',
          redirect_uris: [...NATIVE_REDIRECT_URIS],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          scope: SCOPES.join(' '),
          jwks: { keys: [registeredKey.publicJwk as Record<string, unknown>] },
        } as ClientMetadata,
      ];
    },
  });
  strict = await startDemoIdp({ configure: (config) => void (config.features!.pushedAuthorizationRequests = { enabled: true, requirePushedAuthorizationRequests: true }) });
});
afterAll(async () => {
  await Promise.all([idp?.close(), strict?.close()]);
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function engine() {
  const launcher = new RecordingLauncher();
  const e = new FlowEngine({ launcher });
  cleanups.push(() => e.dispose());
  return { engine: e, launcher };
}

async function discovered(target: DemoIdp, clientId: string, overrides: Partial<FlowSettings> = {}): Promise<FlowSettings> {
  const outcome = await discoverMetadata(target.issuer);
  if (!outcome.ok) throw new Error(outcome.error.message);
  const { metadata } = outcome.discovered;
  return {
    ...defaultFlowSettings(),
    issuer: target.issuer,
    metadata: outcome.discovered,
    authUrl: metadata.authorization_endpoint!,
    accessTokenUrl: metadata.token_endpoint!,
    clientId,
    scope: 'openid profile',
    ...overrides,
  };
}

/** The user signs in at the URL the browser got; the redirect reaches the loopback listener. */
async function signInAndReturn(target: DemoIdp, e: FlowEngine, started: FlowSnapshot, url = started.authorizationUrl): Promise<FlowSnapshot> {
  const redirect = await loginOverHttp(url, { ...target.user, isFinalRedirect: (u) => !u.startsWith(target.issuer) });
  expect(redirect.startsWith(started.redirectUri)).toBe(true);
  await fetch(redirect).then((r) => r.text());
  return e.get(started.flowId)!;
}

const kinds = (flow: FlowSnapshot) => flow.trace.map((t) => t.kind);
const entry = <K extends FlowSnapshot['trace'][number]['kind']>(flow: FlowSnapshot, kind: K) => flow.trace.find((t) => t.kind === kind) as Extract<FlowSnapshot['trace'][number], { kind: K }>;

describe('Use PAR × oidc-provider 9', () => {
  it('pushes every authorization parameter to the discovered endpoint; the browser gets only client_id and request_uri; tokens follow', async () => {
    const { engine: e, launcher } = engine();
    const settings = await discovered(idp, idp.clients.public.clientId, { usePar: true, extraAuthParams: [{ key: 'ui_locales', value: 'de', enabled: true }] });
    const started = await e.start({ settings, profileId: null, clientSecret: null });

    expect(kinds(started).slice(0, 3)).toEqual(['par_request', 'par_response', 'note']);
    const pushed = entry(started, 'par_request');
    expect(pushed.url).toBe(`${idp.issuer}/request`);
    expect(Object.fromEntries(pushed.bodyParams)).toMatchObject({
      response_type: 'code',
      client_id: idp.clients.public.clientId,
      redirect_uri: started.redirectUri,
      scope: 'openid profile',
      state: started.state,
      nonce: started.nonce,
      code_challenge: started.pkce.challenge,
      code_challenge_method: 'S256',
      ui_locales: 'de',
    });
    expect(pushed.clientAuth).toBe('none');
    expect(entry(started, 'par_response')).toMatchObject({ status: 201 });
    expect(started.par).toMatchObject({ endpoint: `${idp.issuer}/request`, requestUri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:/), expiresIn: 60 });

    const browserUrl = new URL(started.authorizationUrl);
    expect([...browserUrl.searchParams.keys()]).toEqual(['client_id', 'request_uri']);
    expect(browserUrl.searchParams.get('request_uri')).toBe(started.par!.requestUri);
    expect(launcher.opened.map((o) => o.url)).toEqual([started.authorizationUrl]);
    expect(entry(started, 'authorization_request').params).toEqual([...browserUrl.searchParams.entries()]);

    const done = await signInAndReturn(idp, e, started);
    expect(done.status).toBe('done');
    expect(decodeJwt(done.tokens!.idToken!)).toMatchObject({ nonce: started.nonce, aud: idp.clients.public.clientId });
  });

  it('authenticates the push as the token request (a confidential client\'s Basic header), the secret redacted in the trace', async () => {
    const client = idp.clients.confidentialBasic;
    const { engine: e } = engine();
    const settings = await discovered(idp, client.clientId, { usePar: true, clientAuthentication: 'basic' });
    const started = await e.start({ settings, profileId: null, clientSecret: client.clientSecret });
    const pushed = entry(started, 'par_request');
    expect(pushed.clientAuth).toBe('basic');
    expect(pushed.headers.authorization).toBe(`Basic ${REDACTED}`);
    expect(JSON.stringify(started)).not.toContain(client.clientSecret!);
    expect((await signInAndReturn(idp, e, started)).status).toBe('done');
  });

  it('authenticates the push with private_key_jwt: an assertion for the PAR endpoint, signed with the profile\'s key, accepted', async () => {
    const { engine: e, launcher } = engine();
    const settings = await discovered(idp, PKJWT_CLIENT, { usePar: true, clientAuthentication: 'private_key_jwt' });
    const started = await e.start({ settings, profileId: 'p1', clientSecret: null, keys: { signingKey: registeredKey } });
    const pushed = entry(started, 'par_request');
    expect(pushed.clientAuth).toBe('private_key_jwt');
    const assertion = decodeJwt(Object.fromEntries(pushed.bodyParams).client_assertion!);
    expect(assertion).toMatchObject({ iss: PKJWT_CLIENT, sub: PKJWT_CLIENT, aud: `${idp.issuer}/request` });
    expect(entry(started, 'par_response')).toMatchObject({ status: 201 });
    expect(started.status).toBe('awaiting-redirect');
    expect(launcher.opened).toHaveLength(1);
  });

  it('a refused push (wrong client secret) fails the flow with the PAR endpoint\'s error, explained, and opens no browser', async () => {
    const client = idp.clients.confidentialPost;
    const { engine: e, launcher } = engine();
    const settings = await discovered(idp, client.clientId, { usePar: true, clientAuthentication: 'body' });
    const failed = await e.start({ settings, profileId: null, clientSecret: 'not-the-secret' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ kind: 'par_failed', error: 'invalid_client', httpStatus: 401 });
    expect(failed.error!.message).toMatch(/^The PAR endpoint refused the pushed authorization request: invalid_client .*No browser was opened\.$/);
    expect(explainFlowError(failed.error!).map((x) => x.id)).toContain('invalid_client');
    expect(launcher.opened).toEqual([]);
    expect(failed.authorizationUrl).toBe('');
    // The loopback listener is gone with the flow.
    await expect(fetch(`${failed.redirectUri}?code=x&state=${failed.state}`)).rejects.toThrow();
  });

  it('the PKCE probe\'s downgrade: without code_challenge in the pushed parameters, the PAR endpoint refuses', async () => {
    const { engine: e } = engine();
    const settings = await discovered(idp, idp.clients.public.clientId, { usePar: true });
    const failed = await e.start({ settings, profileId: null, clientSecret: null, omitCodeChallenge: true });
    expect(entry(failed, 'par_request').bodyParams.map(([name]) => name)).not.toContain('code_challenge');
    expect(failed.error).toMatchObject({ kind: 'par_failed', error: 'invalid_request', errorDescription: expect.stringMatching(/requires PKCE/) });
  });

  it('an IdP requiring PAR refuses a flow without it, and the app says to tick Use PAR; with it, the flow completes', async () => {
    const metadata = await discovered(strict, strict.clients.public.clientId);
    expect(metadata.metadata?.metadata.require_pushed_authorization_requests).toBe(true);

    const { engine: e } = engine();
    const refused = await signInAndReturn(strict, e, await e.start({ settings: metadata, profileId: null, clientSecret: null }));
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatchObject({ kind: 'authorization_error', error: 'invalid_request', errorDescription: 'Pushed Authorization Request must be used' });
    expect(explainFlowError(refused.error!)[0]).toMatchObject({ id: 'par_required', fix: expect.stringMatching(/Use PAR/) });

    const done = await signInAndReturn(strict, e, await e.start({ settings: { ...metadata, usePar: true }, profileId: null, clientSecret: null }));
    expect(done.status).toBe('done');
  });
});

describe('Sign the authorization request × oidc-provider 9 (requestObjects, a client with its public JWKS)', () => {
  it('by value: the browser URL carries client_id, request and the OIDC duplicates; the request object is traced decoded; tokens follow', async () => {
    const { engine: e } = engine();
    const settings = await discovered(idp, JAR_CLIENT, { signAuthorizationRequest: true });
    const started = await e.start({ settings, profileId: 'p1', clientSecret: null, keys: { signingKey: registeredKey } });

    const url = new URL(started.authorizationUrl);
    expect([...url.searchParams.keys()]).toEqual(['response_type', 'client_id', 'scope', 'request']);
    const signed = entry(started, 'request_object');
    expect(signed.jwt).toBe(url.searchParams.get('request'));
    expect(signed.header).toEqual({ alg: 'ES256', typ: 'oauth-authz-req+jwt', kid: 'registered-1' });
    expect(decodeProtectedHeader(signed.jwt)).toEqual(signed.header);
    expect(decodeJwt(signed.jwt)).toEqual(signed.payload);
    expect(signed.payload).toMatchObject({
      iss: JAR_CLIENT,
      aud: idp.issuer,
      client_id: JAR_CLIENT,
      response_type: 'code',
      redirect_uri: started.redirectUri,
      state: started.state,
      nonce: started.nonce,
      code_challenge: started.pkce.challenge,
      code_challenge_method: 'S256',
      jti: expect.any(String),
    });
    expect((signed.payload.exp as number) - (signed.payload.iat as number)).toBe(300);
    expect(JSON.stringify(started)).not.toMatch(/"d":/);

    expect((await signInAndReturn(idp, e, started)).status).toBe('done');
  });

  it('signed with an alg the metadata does not list: a warning in the trace, and the request still goes out for the IdP to judge', async () => {
    const { engine: e } = engine();
    const settings = await discovered(idp, JAR_CLIENT, { signAuthorizationRequest: true });
    settings.metadata!.metadata.request_object_signing_alg_values_supported = ['PS256'];
    const started = await e.start({ settings, profileId: 'p1', clientSecret: null, keys: { signingKey: registeredKey } });
    expect(started.trace.find((t) => t.kind === 'note' && t.level === 'warning')).toMatchObject({ message: 'Signed with ES256, which the IdP does not list in request_object_signing_alg_values_supported (PS256): expect it to refuse the request object.' });
    expect(started.status).toBe('awaiting-redirect');
  });

  it('pushed: the request object goes to the PAR endpoint as request, and the flow completes', async () => {
    const { engine: e } = engine();
    const settings = await discovered(idp, JAR_CLIENT, { signAuthorizationRequest: true, usePar: true });
    const started = await e.start({ settings, profileId: 'p1', clientSecret: null, keys: { signingKey: registeredKey } });
    expect(kinds(started).slice(0, 2)).toEqual(['request_object', 'par_request']);
    expect(entry(started, 'par_request').bodyParams).toEqual([
      ['request', entry(started, 'request_object').jwt],
      ['client_id', JAR_CLIENT],
    ]);
    expect([...new URL(started.authorizationUrl).searchParams.keys()]).toEqual(['client_id', 'request_uri']);
    expect((await signInAndReturn(idp, e, started)).status).toBe('done');
  });

  it('signed with a key the IdP does not know: the PAR endpoint refuses it as invalid_request_object, explained', async () => {
    const { engine: e, launcher } = engine();
    const settings = await discovered(idp, JAR_CLIENT, { signAuthorizationRequest: true, usePar: true });
    const failed = await e.start({ settings, profileId: 'p1', clientSecret: null, keys: { signingKey: await esKey('registered-1') } });
    expect(failed.error).toMatchObject({ kind: 'par_failed', error: 'invalid_request_object', httpStatus: 400 });
    expect(explainFlowError(failed.error!).map((x) => x.id)).toContain('invalid_request_object');
    expect(launcher.opened).toEqual([]);
  });

  it('a request object whose payload was altered after signing is refused at the authorization endpoint', async () => {
    const { engine: e } = engine();
    const settings = await discovered(idp, JAR_CLIENT, { signAuthorizationRequest: true });
    const started = await e.start({ settings, profileId: 'p1', clientSecret: null, keys: { signingKey: registeredKey } });
    const url = new URL(started.authorizationUrl);
    const [header, , signature] = url.searchParams.get('request')!.split('.');
    const altered = { ...entry(started, 'request_object').payload, scope: 'openid profile email' };
    url.searchParams.set('request', `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`);

    const page = await fetch(url).then(async (r) => ({ status: r.status, location: r.headers.get('location'), text: await r.text() }));
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/invalid_request_object/);
    expect(page.text).toMatch(/could not validate Request Object/);
  });

  it('without the profile\'s signing key: a settings error naming the option, and no flow', async () => {
    const { engine: e, launcher } = engine();
    const settings = await discovered(idp, JAR_CLIENT, { signAuthorizationRequest: true });
    const unsaved = e.start({ settings, profileId: null, clientSecret: null });
    await expect(unsaved).rejects.toBeInstanceOf(ApiError);
    await expect(unsaved).rejects.toMatchObject({ code: 'invalid_settings', fields: [{ field: 'signAuthorizationRequest', message: expect.stringMatching(/save this profile/) }] });
    await expect(e.start({ settings, profileId: 'p1', clientSecret: null })).rejects.toMatchObject({ fields: [{ field: 'signAuthorizationRequest', message: expect.stringMatching(/add it to the profile/) }] });
    expect(e.list()).toEqual([]);
    expect(launcher.opened).toEqual([]);
  });
});
