import { describe, expect, it } from 'vitest';
import type { FlowSnapshot } from '../../../shared/flow-types';
import { buildTokenRequest, redactTokenRequest } from '../../../shared/token-request';
import { snapshot } from '../../test/fake-api';
import { maskedSnapshot } from './mask-snapshot';

const VERIFIER = 'plain-verifier-that-is-also-the-challenge-0123456789';
const VERIFIER_HEX = Array.from(new TextEncoder().encode(VERIFIER), (b) => b.toString(16).padStart(2, '0')).join('');
const CODE = 'the-authorization-code-xyz';
const ACCESS = 'access.token.value';
const ID_TOKEN = 'id.token.value';
const REFRESH = 'refresh-token-value';

/** A plain-PKCE flow with a secret in every place a snapshot can hold one. */
function fullFlow(): FlowSnapshot {
  const authUrl = `https://idp.example/authorize?client_id=app&code_challenge=${VERIFIER}&code_challenge_method=plain&state=st`;
  const sent = buildTokenRequest({ tokenUrl: 'https://idp.example/token', code: CODE, redirectUri: 'http://127.0.0.1:5000/cb', clientId: 'app', codeVerifier: VERIFIER, clientSecret: null, clientAuthentication: 'basic' });
  const response = JSON.stringify({ access_token: ACCESS, id_token: ID_TOKEN, refresh_token: REFRESH, token_type: 'Bearer', expires_in: 60 });
  return snapshot({
    status: 'done',
    authorizationUrl: authUrl,
    pkce: { method: 'plain', verifier: VERIFIER, verifierBytesHex: VERIFIER_HEX, challenge: VERIFIER, generated: false, warnings: [] },
    trace: [
      { kind: 'authorization_request', at: '2026-01-01T10:00:00.000Z', url: authUrl, params: [...new URL(authUrl).searchParams], mode: 'browser-loopback', redirectUri: 'http://127.0.0.1:5000/cb' },
      { kind: 'redirect', at: '2026-01-01T10:00:01.000Z', url: `http://127.0.0.1:5000/cb?code=${CODE}&state=st`, source: 'loopback', params: { code: CODE, state: 'st' } },
      { kind: 'token_request', at: '2026-01-01T10:00:02.000Z', clientId: 'app', ...redactTokenRequest(sent) },
      { kind: 'token_response', at: '2026-01-01T10:00:03.000Z', status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: response, truncated: false, durationMs: 5 },
      { kind: 'note', at: '2026-01-01T10:00:03.000Z', level: 'info', message: 'The ID token checks passed.' },
    ],
    tokens: { receivedAt: '2026-01-01T10:00:03.000Z', raw: JSON.parse(response) as Record<string, unknown>, accessToken: ACCESS, idToken: ID_TOKEN, refreshToken: REFRESH, tokenType: 'Bearer', expiresIn: 60 },
  });
}

describe('maskedSnapshot', () => {
  it('masks the token actions\' steps too: a Bearer header, a revoked or introspected token, a refresh answer, a sign-out hint', () => {
    const flow = fullFlow();
    const refreshed = JSON.stringify({ access_token: 'new-access', refresh_token: 'new-refresh', token_type: 'Bearer' });
    flow.trace.push(
      { kind: 'action_request', at: '2026-01-01T10:01:00.000Z', action: 'userinfo', url: 'https://idp.example/me', method: 'GET', headers: { authorization: `Bearer ${ACCESS}` }, body: '', bodyParams: [], clientAuth: 'bearer', clientId: 'app' },
      { kind: 'action_request', at: '2026-01-01T10:01:01.000Z', action: 'revoke', url: 'https://idp.example/revoke', method: 'POST', headers: {}, body: `token=${REFRESH}&token_type_hint=refresh_token`, bodyParams: [['token', REFRESH], ['token_type_hint', 'refresh_token']], clientAuth: 'none', clientId: 'app' },
      { kind: 'action_request', at: '2026-01-01T10:01:02.000Z', action: 'sign-out', url: `https://idp.example/session/end?id_token_hint=${ID_TOKEN}&client_id=app`, method: 'GET', headers: {}, body: '', bodyParams: [], clientAuth: 'none', clientId: 'app' },
      { kind: 'action_response', at: '2026-01-01T10:01:03.000Z', action: 'refresh', status: 200, statusText: 'OK', headers: {}, body: refreshed, truncated: false, durationMs: 3 },
    );
    const text = JSON.stringify(maskedSnapshot(flow));
    for (const secret of [ACCESS, ID_TOKEN, REFRESH, 'new-access', 'new-refresh']) expect(text).not.toContain(secret);
    expect(text).toContain('token_type_hint=refresh_token');
    expect(text).toContain('client_id=app');
  });

  it('leaves no code, verifier (nor its hex) or token anywhere, with plain PKCE masking the challenge too', () => {
    const text = JSON.stringify(maskedSnapshot(fullFlow()));
    for (const secret of [VERIFIER, VERIFIER_HEX, CODE, ACCESS, ID_TOKEN, REFRESH]) expect(text).not.toContain(secret);
  });

  it('keeps the structure and everything that is not secret', () => {
    const flow = fullFlow();
    const masked = maskedSnapshot(flow);
    expect(masked.trace.map((t) => t.kind)).toEqual(flow.trace.map((t) => t.kind));
    expect(masked.state).toBe('st');
    expect(masked.authorizationUrl).toBe(`https://idp.example/authorize?client_id=app&code_challenge=•••••• (${VERIFIER.length} chars)&code_challenge_method=plain&state=st`);
    const request = masked.trace.find((t) => t.kind === 'token_request');
    expect(request?.bodyParams).toContainEqual(['redirect_uri', 'http://127.0.0.1:5000/cb']);
    expect(request?.bodyParams).toContainEqual(['code', `•••••• (${CODE.length} chars)`]);
    expect(request?.body).toContain('grant_type=authorization_code&code=••••••');
    const response = masked.trace.find((t) => t.kind === 'token_response');
    expect(JSON.parse(response?.body ?? '')).toEqual({ access_token: `•••••• (${ACCESS.length} chars)`, id_token: `•••••• (${ID_TOKEN.length} chars)`, refresh_token: `•••••• (${REFRESH.length} chars)`, token_type: 'Bearer', expires_in: 60 });
    expect(masked.tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 60, accessToken: `•••••• (${ACCESS.length} chars)` });
    expect(masked.trace.at(-1)).toEqual(flow.trace.at(-1));
  });

  it('with S256 the challenge stays readable (it reveals nothing)', () => {
    const flow = snapshot({ pkce: { method: 'S256', verifier: VERIFIER, verifierBytesHex: VERIFIER_HEX, challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', generated: true, warnings: [] } });
    const masked = maskedSnapshot(flow);
    expect(masked.pkce.challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(masked.pkce.verifier).toBe(`•••••• (${VERIFIER.length} chars)`);
  });

  it("masks a failed flow's raw redirect URL or body", () => {
    const asUrl = maskedSnapshot(snapshot({ status: 'failed', error: { kind: 'state_mismatch', message: 'Refused.', raw: `http://127.0.0.1:5000/cb?code=${CODE}&state=zz` } }));
    expect(asUrl.error?.raw).toBe(`http://127.0.0.1:5000/cb?code=•••••• (${CODE.length} chars)&state=zz`);
    const asBody = maskedSnapshot(snapshot({ status: 'failed', error: { kind: 'invalid_token_response', message: 'No access_token.', raw: `{"refresh_token":"${REFRESH}"}` } }));
    expect(asBody.error?.raw).not.toContain(REFRESH);
  });
});
