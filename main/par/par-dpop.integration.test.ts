// PAR and DPoP together against the REAL oidc-provider 9 (nonces required): the push carries a DPoP
// proof (RFC 9449 10.1), which binds the code to the key instead of dpop_jkt; the nonce challenge at
// the PAR endpoint is answered once, and the tokens come back DPoP-bound.
import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_REDIRECT_URIS, SCOPES } from '../../demo-idp/config';
import { loginOverHttp } from '../../demo-idp/http-login';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { defaultFlowSettings } from '../../shared/settings';
import { loadDpopKey } from '../dpop/dpop-key';
import { dpopNonces } from '../dpop/dpop-nonces';
import { FlowEngine } from '../flow/flow-engine';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import type { SigningKeyMaterial } from '../keys/key-material';
import { createMemoryKeyStore } from '../keys/key-store';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import { demoSettings, runFlow, secretOf, startTestCore, type TestCore } from '../token-actions/test-support/core-flow';

const PKJWT_CLIENT = 'pkce-inspector-par-dpop-pkjwt';
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let signingKey: SigningKeyMaterial;

let idp: DemoIdp;
let t: TestCore | undefined;
beforeAll(async () => {
  signingKey = { alg: 'ES256', kid: 'par-dpop-1', privateKey: ec.privateKey, publicJwk: { ...(await exportJWK(ec.publicKey)), kid: 'par-dpop-1', alg: 'ES256', use: 'sig' } };
  idp = await startDemoIdp({
    port: 0,
    dpopNonce: true,
    configure: (configuration) => {
      configuration.clients = [
        ...(configuration.clients ?? []),
        {
          client_id: PKJWT_CLIENT,
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [signingKey.publicJwk as Record<string, unknown>] },
          application_type: 'native',
          redirect_uris: [...NATIVE_REDIRECT_URIS],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          scope: SCOPES.join(' '),
        },
      ];
    },
  });
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

  it('private_key_jwt: the nonce retry of the PAR push carries a fresh assertion, since a jti is single-use', async () => {
    dpopNonces.clear(); // so that both endpoints challenge again (the first test left their nonces remembered)
    const engine = new FlowEngine({ launcher: new RecordingLauncher() });
    try {
      const settings = { ...defaultFlowSettings(), authUrl: idp.authorizationEndpoint, accessTokenUrl: idp.tokenEndpoint, clientId: PKJWT_CLIENT, scope: 'openid', usePar: true, parUrl: `${idp.issuer}/request`, dpop: true, clientAuthentication: 'private_key_jwt' as const };
      const started = await engine.start({ settings, profileId: 'p1', clientSecret: null, keys: { signingKey, dpopKey: (await loadDpopKey(createMemoryKeyStore(), 'p1', 'ES256')).key } });
      const redirect = await loginOverHttp(started.authorizationUrl, { ...idp.user, isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
      await fetch(redirect).then((r) => r.text());
      await expect.poll(() => engine.get(started.flowId)?.status, { timeout: 15_000 }).toBe('done');
      const flow = engine.get(started.flowId)!;
      const jtis = (kind: 'par_request' | 'token_request') =>
        flow.trace.filter((e) => e.kind === kind).map((e) => decodeJwt(Object.fromEntries((e as { bodyParams: [string, string][] }).bodyParams).client_assertion!).jti);
      const pushed = jtis('par_request');
      expect(pushed).toHaveLength(2); // the nonce challenge, then the retry
      // The token request uses the nonce the PAR endpoint's answer gave (same server): no challenge there.
      const all = [...pushed, ...jtis('token_request')];
      expect(new Set(all).size).toBe(all.length);
      expect(flow.tokens?.tokenType).toBe('DPoP');
    } finally {
      await engine.dispose();
    }
  });
});
