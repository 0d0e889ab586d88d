// DPoP end to end against the REAL oidc-provider 9 of demo-idp/, with nonces required: the code
// bound by dpop_jkt, the token request answered with a nonce challenge and retried once, DPoP-bound
// tokens (token_type DPoP, cnf.jkt of a JWT access token), refresh and UserInfo with proofs (ath),
// introspection's cnf.jkt, nonce challenges at the resource server, and a proof for the wrong URL
// refused and explained. (An IdP ignoring proofs: dpop-exchange.test.ts.)
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { DEMO_API } from '../../demo-idp/config';
import { loginOverHttp } from '../../demo-idp/http-login';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { explainFlowError } from '../../shared/error-explanations';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import type { ActionResult } from '../../shared/token-actions';
import { act, demoSettings, runFlow, secretOf, startTestCore, type TestCore } from '../token-actions/test-support/core-flow';
import { dpopNonces } from './dpop-nonces';
import { accessTokenHash } from './dpop-proof';
import { startTokenProxy } from '../flow/test-support/token-proxy';

let idp: DemoIdp;
let t: TestCore;
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0, dpopNonce: true });
});
afterAll(async () => {
  await idp?.close();
});
afterEach(async () => {
  await t?.dispose();
});

type Request = Extract<TraceEntry, { kind: 'token_request' | 'action_request' }>;
const requests = (flow: FlowSnapshot) => flow.trace.filter((e): e is Request => e.kind === 'token_request' || e.kind === 'action_request');
const proofOf = (entry: Request) => ({ header: decodeProtectedHeader(entry.headers.dpop!), payload: decodeJwt(entry.headers.dpop!) });
const lastResult = (flow: FlowSnapshot): ActionResult => flow.lifecycle!.results.at(-1)!;

describe('DPoP × oidc-provider 9 (nonces required)', () => {
  it('binds the code with dpop_jkt, answers the nonce challenge with one retry, and gets DPoP-bound tokens', async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    const settings = demoSettings(idp, client, { dpop: true, resource: DEMO_API.resource, scope: `openid offline_access ${DEMO_API.scopes[0]}` });
    const flow = await runFlow(t, idp, settings, secretOf(client));

    const sent = requests(flow);
    expect(sent.map((r) => r.kind)).toEqual(['token_request', 'token_request']);
    const [first, retry] = sent.map(proofOf);
    const jwk = first!.header.jwk as JWK;
    const thumbprint = await calculateJwkThumbprint(jwk);
    expect(first!.header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256' } });
    expect(jwk.d).toBeUndefined();
    expect(first!.payload).toMatchObject({ htm: 'POST', htu: idp.tokenEndpoint, iat: expect.any(Number), jti: expect.any(String) });
    expect(first!.payload.nonce).toBeUndefined();
    expect(first!.payload.ath).toBeUndefined();
    // The challenge and the retry, each visible in the trace.
    const responses = flow.trace.filter((e) => e.kind === 'token_response');
    expect(responses.map((r) => r.status)).toEqual([400, 200]);
    expect(JSON.parse(responses[0]!.body)).toMatchObject({ error: 'use_dpop_nonce' });
    const nonce = responses[0]!.headers['dpop-nonce'];
    expect(nonce).toBeTruthy();
    expect(flow.trace).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'note', message: expect.stringContaining(`carrying nonce ${nonce}`) })]));
    expect(retry!.payload).toMatchObject({ nonce, htm: 'POST', htu: idp.tokenEndpoint });
    expect(retry!.payload.jti).not.toBe(first!.payload.jti);
    expect(retry!.header.jwk).toEqual(jwk);

    // RFC 9449 10: the authorization code was bound to the same key.
    expect(new URL(flow.authorizationUrl).searchParams.get('dpop_jkt')).toBe(thumbprint);
    // The tokens: DPoP-bound, and the JWT access token's cnf.jkt is the key's thumbprint.
    expect(flow.tokens!.tokenType).toBe('DPoP');
    expect(decodeJwt(flow.tokens!.accessToken!).cnf).toEqual({ jkt: thumbprint });
    expect(flow.tokens!.dpop).toEqual({
      thumbprint,
      rows: [
        { name: 'Token type', verdict: 'pass', reason: expect.stringContaining('token_type: DPoP') },
        { name: 'Key binding (cnf.jkt)', verdict: 'pass', reason: expect.stringContaining(thumbprint) },
      ],
    });
    expect(idp.tokenRequests.at(-1)?.headers.dpop).toBe(sent[1]!.headers.dpop);

    // Refresh with a proof (a public client's refresh token is bound to the key), carrying the nonce remembered.
    const { created } = await act(t, flow, settings, secretOf(client), { kind: 'refresh' });
    expect(created?.tokens?.tokenType).toBe('DPoP');
    const refresh = requests(created!).map(proofOf);
    expect(refresh[0]!.payload).toMatchObject({ htm: 'POST', htu: idp.tokenEndpoint, nonce: expect.any(String) });
    expect(refresh[0]!.header.jwk).toEqual(jwk);
    expect(created!.tokens!.dpop?.rows.map((r) => r.verdict)).toEqual(['pass', 'pass']);
  });

  it('UserInfo with `Authorization: DPoP` and a proof with ath; introspection shows cnf.jkt matching', async () => {
    t = await startTestCore();
    const client = idp.clients.confidentialBasic;
    const settings = demoSettings(idp, client, { dpop: true });
    const flow = await runFlow(t, idp, settings, secretOf(client));
    expect(flow.tokens!.tokenType).toBe('DPoP');
    // Opaque access token: the binding is for Introspect to show.
    expect(flow.tokens!.dpop?.rows[1]).toMatchObject({ name: 'Key binding (cnf.jkt)', verdict: 'not checked' });

    const { flow: after } = await act(t, flow, settings, secretOf(client), { kind: 'userinfo' });
    expect(lastResult(after)).toMatchObject({ kind: 'userinfo', outcome: 'ok' });
    const userinfo = requests(after).filter((r) => r.kind === 'action_request' && r.action === 'userinfo');
    const last = userinfo.at(-1)!;
    expect(last.headers.authorization).toBe(`DPoP ${flow.tokens!.accessToken}`);
    expect(proofOf(last).payload).toMatchObject({ htm: 'GET', htu: idp.userinfoEndpoint, ath: accessTokenHash(flow.tokens!.accessToken!), nonce: expect.any(String) });

    const { flow: inspected } = await act(t, flow, settings, secretOf(client), { kind: 'introspect', token: 'access_token' });
    const thumbprint = flow.tokens!.dpop!.thumbprint;
    expect(lastResult(inspected).rows).toEqual(expect.arrayContaining([{ name: 'cnf.jkt check', value: `pass: equals the DPoP key's thumbprint ${thumbprint}`, verdict: 'ok' }]));

    // Call API with the bound token: the same scheme and a proof for its own URL and method.
    const { flow: called } = await act(t, flow, settings, secretOf(client), { kind: 'call-api', method: 'GET', url: `${idp.userinfoEndpoint}?x=1#frag`, headers: [] });
    expect(lastResult(called).outcome).toBe('ok');
    const apiCall = requests(called).filter((r) => r.kind === 'action_request' && r.action === 'call-api').at(-1)!;
    expect(proofOf(apiCall).payload).toMatchObject({ htm: 'GET', htu: idp.userinfoEndpoint });
  });

  it('a nonce challenge at the resource server (401, WWW-Authenticate: DPoP error="use_dpop_nonce") is answered with one retry', async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    const settings = demoSettings(idp, client, { dpop: true });
    const flow = await runFlow(t, idp, settings, secretOf(client));
    // As after a restart of the app: no nonce known for the server, so the first proof has none.
    dpopNonces.clear();
    const { flow: after } = await act(t, flow, settings, secretOf(client), { kind: 'userinfo' });
    expect(lastResult(after)).toMatchObject({ kind: 'userinfo', outcome: 'ok' });
    const steps = after.trace.slice(flow.trace.length);
    expect(steps.map((e) => e.kind)).toEqual(['action_request', 'action_response', 'note', 'action_request', 'action_response']);
    const [challenge, ok] = steps.filter((e) => e.kind === 'action_response');
    expect(challenge).toMatchObject({ status: 401, headers: { 'www-authenticate': expect.stringMatching(/^DPoP .*error="use_dpop_nonce"/) } });
    expect(ok!.status).toBe(200);
    const [withoutNonce, withNonce] = steps.filter((e): e is Request => e.kind === 'action_request').map(proofOf);
    expect(withoutNonce!.payload.nonce).toBeUndefined();
    expect(withNonce!.payload.nonce).toBe(challenge!.headers['dpop-nonce']);
    expect(steps[2]).toMatchObject({ kind: 'note', message: expect.stringContaining('RFC 9449 section 9') });
  });

  it('a proof for another URL (htu) is refused, and the error says why', async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    // A proxy in front of the token endpoint: the proof names the proxy's URL, not the one the IdP knows itself by.
    const proxy = await startTokenProxy(idp.tokenEndpoint);
    onTestFinished(() => proxy.close());
    const alias = `${proxy.url}/token`;
    const settings = demoSettings(idp, client, { dpop: true, accessTokenUrl: alias });
    const started = await t.call('startFlow', { settings, profileId: null, clientSecret: secretOf(client) });
    const redirect = await loginOverHttp(started.authorizationUrl, { login: idp.user.login, password: idp.user.password, isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
    await fetch(redirect).then((r) => r.text());
    await vi.waitFor(() => expect(t.core.engine.get(started.flowId)?.status).toBe('failed'), { timeout: 15_000 });
    const flow = t.core.engine.get(started.flowId)!;
    expect(flow.error).toMatchObject({ kind: 'oauth_error', error: 'invalid_dpop_proof', errorDescription: expect.stringContaining('htu') });
    expect(proofOf(requests(flow).at(-1)!).payload.htu).toBe(alias);
    expect(explainFlowError(flow.error!).map((e) => e.id)).toContain('dpop_htu_mismatch');
  });
});
