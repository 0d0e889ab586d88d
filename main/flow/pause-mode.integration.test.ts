// Pause mode ("Pause before token request") against the REAL oidc-provider 9 of demo-idp/: the flow
// stops at "Ready to exchange", an edited code_verifier is refused, the proposed one accepted, and
// Exchange again (the same code once more) is refused as a replay.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from 'tough-cookie';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { loginOverHttp } from '../../demo-idp/http-login';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import { defaultFlowSettings } from '../../shared/settings';
import { FlowEngine } from './flow-engine';
import { RecordingLauncher } from './test-support/recording-launcher';

let idp: DemoIdp;
let engine: FlowEngine;
const jar = new CookieJar();
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0 });
});
afterAll(async () => {
  await idp?.close();
});
afterEach(async () => {
  await engine?.dispose();
});

async function pausedFlow(clientKey: 'public' | 'confidentialBasic' = 'public'): Promise<FlowSnapshot> {
  engine = new FlowEngine({ launcher: new RecordingLauncher() });
  const client = idp.clients[clientKey];
  const settings = { ...defaultFlowSettings(), authUrl: idp.authorizationEndpoint, accessTokenUrl: idp.tokenEndpoint, clientId: client.clientId, pauseBeforeTokenRequest: true };
  const started = await engine.start({ settings, profileId: null, clientSecret: client.clientSecret });
  const redirect = await loginOverHttp(started.authorizationUrl, { login: idp.user.login, password: idp.user.password, cookieJar: jar, isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
  const delivered = await fetch(redirect);
  expect(delivered.status).toBe(200);
  const paused = engine.get(started.flowId)!;
  expect(paused.status).toBe('ready-to-exchange');
  return paused;
}

const tokenResponses = (flow: FlowSnapshot) => flow.trace.filter((t): t is Extract<TraceEntry, { kind: 'token_response' }> => t.kind === 'token_response');
const tokenRequests = (flow: FlowSnapshot) => flow.trace.filter((t): t is Extract<TraceEntry, { kind: 'token_request' }> => t.kind === 'token_request');

describe('pause before token request × oidc-provider 9', () => {
  it('stops at Ready to exchange with the request about to be sent, and sends nothing yet', async () => {
    const before = idp.tokenRequests.length;
    const paused = await pausedFlow();
    const draft = paused.exchange!.draft;
    expect(draft.code).toMatch(/\S{20,}/);
    expect(draft.codeVerifier).toHaveLength(64);
    expect(draft.redirectUri).toBe(paused.redirectUri);
    expect(draft.clientId).toBe(idp.clients.public.clientId);
    expect(idp.tokenRequests.length).toBe(before);
    expect(tokenRequests(paused)).toHaveLength(0);
  });

  it('an edited code_verifier is refused (invalid_grant) and marked as edited in the trace', async () => {
    const paused = await pausedFlow();
    const draft = paused.exchange!.draft;
    const wrong = `${draft.codeVerifier!.slice(0, -1)}${draft.codeVerifier!.endsWith('A') ? 'B' : 'A'}`;
    const done = await engine.exchange(paused.flowId, { ...draft, codeVerifier: wrong });
    expect(done.status).toBe('failed');
    expect(done.error?.error).toBe('invalid_grant');
    expect(tokenRequests(done)[0]?.edited).toEqual(['code_verifier']);
    expect(tokenRequests(done)[0]?.bodyParams).toContainEqual(['code_verifier', wrong]);
    await expect(engine.exchange(paused.flowId, draft)).rejects.toThrow(/not waiting/);
  });

  it('the original is accepted; Exchange again is refused as a replay and leaves the tokens alone (confidential client)', async () => {
    const paused = await pausedFlow('confidentialBasic');
    await expect(engine.exchangeAgain(paused.flowId)).rejects.toThrow(/Exchange again/);
    const done = await engine.exchange(paused.flowId, paused.exchange!.draft);
    expect(done.status).toBe('done');
    expect(done.tokens?.accessToken).toBeTruthy();
    expect(tokenRequests(done)[0]?.edited).toBeUndefined();

    const replayed = await engine.exchangeAgain(paused.flowId);
    expect(replayed.status).toBe('done');
    expect(replayed.tokens?.accessToken).toBe(done.tokens?.accessToken);
    const requests = tokenRequests(replayed);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.replay).toBe(true);
    // The secret went again (Basic), redacted in the trace as always.
    expect(requests[1]?.clientAuth).toBe('basic');
    expect(JSON.stringify(replayed)).not.toContain(idp.clients.confidentialBasic.clientSecret!);
    const second = tokenResponses(replayed)[1]!;
    expect(second.status).toBe(400);
    expect(JSON.parse(second.body).error).toBe('invalid_grant');
    expect(replayed.exchange?.replays).toBe(1);
  });
});
