// PAR and DPoP together against the REAL oidc-provider 9 (nonces required): the push carries a DPoP
// proof (RFC 9449 10.1), which binds the code to the key instead of dpop_jkt; the nonce challenge at
// the PAR endpoint is answered once, and the tokens come back DPoP-bound.
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import { demoSettings, runFlow, secretOf, startTestCore, type TestCore } from '../token-actions/test-support/core-flow';

let idp: DemoIdp;
let t: TestCore | undefined;
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0, dpopNonce: true });
});
afterAll(async () => {
  await idp?.close();
});
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

type Pushed = Extract<TraceEntry, { kind: 'par_request' }>;
const pushes = (flow: FlowSnapshot) => flow.trace.filter((e): e is Pushed => e.kind === 'par_request');

describe('PAR + DPoP × oidc-provider 9', () => {
  it('puts a proof on the push (no dpop_jkt), answers the PAR endpoint nonce challenge, and gets DPoP-bound tokens', async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    const settings = demoSettings(idp, client, { usePar: true, parUrl: `${idp.issuer}/request`, dpop: true });
    const flow = await runFlow(t, idp, settings, secretOf(client));

    const sent = pushes(flow);
    // The first push is refused with use_dpop_nonce, the second carries the nonce.
    expect(sent).toHaveLength(2);
    expect(flow.trace.filter((e) => e.kind === 'par_response').map((e) => (e as { status: number }).status)).toEqual([400, 201]);
    const last = sent.at(-1)!;
    expect(decodeJwt(last.headers.dpop!).nonce).toBeTruthy();
    const header = decodeProtectedHeader(last.headers.dpop!);
    expect(header.typ).toBe('dpop+jwt');
    expect(decodeJwt(last.headers.dpop!)).toMatchObject({ htm: 'POST', htu: `${idp.issuer}/request` });
    expect(last.bodyParams.find(([k]) => k === 'dpop_jkt')).toBeUndefined();
    // The browser got only client_id and request_uri.
    expect([...new URL(flow.authorizationUrl).searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    const thumbprint = await calculateJwkThumbprint(header.jwk as JWK);
    expect(flow.tokens!.tokenType).toBe('DPoP');
    expect(flow.tokens!.dpop?.thumbprint).toBe(thumbprint);
  });
});
