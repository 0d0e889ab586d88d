// The flow's token request with DPoP against a tiny real token endpoint that behaves as IdPs do when
// things go wrong: one that ignores the proof (token_type Bearer), one that demands a nonce without
// giving one, and one that keeps demanding it. Each attempt is its own request in the trace.
import type { ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings } from '../../shared/settings';
import { FlowEngine } from '../flow/flow-engine';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { sendJson, startLocalServer, type LocalHandler } from '../flow/test-support/local-server';
import { createMemoryKeyStore } from '../keys/key-store';
import { loadDpopKey } from './dpop-key';
import { DpopNonces, dpopNonces } from './dpop-nonces';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
  dpopNonces.clear();
});

async function flowAgainst(handler: LocalHandler): Promise<{ flow: FlowSnapshot; proofs: Record<string, unknown>[] }> {
  const server = await startLocalServer(handler);
  cleanups.push(() => server.close());
  const engine = new FlowEngine({ launcher: new RecordingLauncher() });
  cleanups.push(() => engine.dispose());
  const { key } = await loadDpopKey(createMemoryKeyStore(), null, 'ES256');
  const settings = { ...defaultFlowSettings(), authUrl: 'http://127.0.0.1:1/authorize', accessTokenUrl: `${server.url}/token?tenant=a`, clientId: 'client-1', dpop: true };
  const started = await engine.start({ settings, profileId: null, clientSecret: null, keys: { dpopKey: key } });
  const redirect = new URL(started.redirectUri);
  redirect.searchParams.set('code', 'c0de');
  redirect.searchParams.set('state', started.state);
  await fetch(redirect).then((r) => r.text());
  await vi.waitFor(() => expect(engine.get(started.flowId)?.status).toMatch(/done|failed/));
  return { flow: engine.get(started.flowId)!, proofs: server.requests.map((r) => decodeJwt(String(r.headers.dpop))) };
}

const nonceChallenge = (res: ServerResponse, nonce?: string) => {
  res.writeHead(400, { 'content-type': 'application/json', ...(nonce ? { 'dpop-nonce': nonce } : {}) });
  res.end(JSON.stringify({ error: 'use_dpop_nonce', error_description: 'nonce is required in the DPoP proof' }));
};

describe('DPoP on the token request', () => {
  it('flags an IdP that ignores the proof: token_type Bearer is a warning and a failed row', async () => {
    const { flow, proofs } = await flowAgainst((_req, res) => sendJson(res, 200, { access_token: 'opaque-AT', token_type: 'Bearer', expires_in: 60 }));
    expect(flow.status).toBe('done');
    // htu without the query; dpop_jkt on the authorization request.
    expect(proofs[0]).toMatchObject({ htm: 'POST', htu: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/token$/) });
    expect(new URL(flow.authorizationUrl).searchParams.get('dpop_jkt')).toBe(flow.tokens!.dpop!.thumbprint);
    expect(flow.tokens!.dpop!.rows).toEqual([
      { name: 'Token type', verdict: 'fail', reason: expect.stringContaining('token_type: Bearer') },
      { name: 'Key binding (cnf.jkt)', verdict: 'not checked', reason: expect.stringContaining('Introspect') },
    ]);
    expect(flow.trace).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'note', level: 'warning', message: expect.stringContaining('the IdP ignored it') })]));
  });

  it('a challenge without a DPoP-Nonce header cannot be answered: no retry, and the trace says why', async () => {
    const { flow, proofs } = await flowAgainst((_req, res) => nonceChallenge(res));
    expect(proofs).toHaveLength(1);
    expect(flow.status).toBe('failed');
    expect(flow.error).toMatchObject({ error: 'use_dpop_nonce' });
    expect(flow.trace).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'note', level: 'error', message: expect.stringContaining('sent no DPoP-Nonce header') })]));
  });

  it('exactly one retry: a server that challenges the nonce it gave is not asked a third time', async () => {
    let n = 0;
    const { flow, proofs } = await flowAgainst((_req, res) => nonceChallenge(res, `nonce-${++n}`));
    expect(proofs.map((p) => p.nonce)).toEqual([undefined, 'nonce-1']);
    expect(flow.trace.filter((e) => e.kind === 'token_request')).toHaveLength(2);
    expect(flow.trace).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'note', level: 'warning', message: expect.stringContaining('not retried a second time') })]));
    expect(flow.status).toBe('failed');
    // The latest nonce is remembered for the server's next proof.
    expect(dpopNonces.get(flow.trace.find((e) => e.kind === 'token_request')!.url)).toBe('nonce-2');
  });

  it('a nonce given with a success is used by the next proof to that server', async () => {
    const nonces = new DpopNonces();
    nonces.remember('https://idp.example/token', { headers: { 'DPoP-Nonce': 'n1' } });
    expect(nonces.get('https://idp.example/userinfo?x')).toBe('n1');
    expect(nonces.get('https://other.example/token')).toBeUndefined();
  });
});
