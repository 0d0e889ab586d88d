import { describe, expect, it } from 'vitest';
import { buildCurlCommand } from './curl';
import { explainFlowError } from './error-explanations';
import { defaultFlowSettings, type FlowSettings } from './settings';
import { actionEndpoint } from './token-actions';
import { buildRefreshRequest, placeExtraParams } from './token-request';

const settings = (overrides: Partial<FlowSettings> = {}): FlowSettings => ({ ...defaultFlowSettings(), accessTokenUrl: 'https://idp.example/token', clientId: 'app', ...overrides });
const metadata = { source: 'https://idp.example/.well-known/openid-configuration', fetchedAt: '2026-01-01T00:00:00Z', metadata: { issuer: 'https://idp.example', revocation_endpoint: 'https://idp.example/discovered/revoke', end_session_endpoint: 'https://idp.example/logout' } };

describe('actionEndpoint', () => {
  it('takes the Advanced field first, then the discovered metadata; refresh falls back to the Access Token URL', () => {
    expect(actionEndpoint(settings(), 'refresh')).toEqual({ ok: true, url: 'https://idp.example/token', source: 'access-token-url' });
    expect(actionEndpoint(settings({ refreshTokenUrl: ' https://idp.example/refresh ' }), 'refresh')).toEqual({ ok: true, url: 'https://idp.example/refresh', source: 'field' });
    expect(actionEndpoint(settings({ metadata }), 'revoke')).toEqual({ ok: true, url: 'https://idp.example/discovered/revoke', source: 'metadata' });
    expect(actionEndpoint(settings({ metadata, revocationUrl: 'https://idp.example/typed' }), 'revoke')).toMatchObject({ url: 'https://idp.example/typed', source: 'field' });
    expect(actionEndpoint(settings({ metadata }), 'sign-out')).toMatchObject({ url: 'https://idp.example/logout' });
  });

  it('says which field to fill when the endpoint is unknown', () => {
    expect(actionEndpoint(settings(), 'introspect')).toEqual({ ok: false, reason: "No endpoint known: fill Introspection URL in Advanced, or press Discover to read introspection_endpoint from the IdP's metadata." });
    expect(actionEndpoint(settings({ accessTokenUrl: '' }), 'refresh')).toEqual({ ok: false, reason: 'No endpoint known: fill Refresh Token URL in Advanced.' });
  });
});

describe('Send as', () => {
  it('splits rows by placement; a row without one goes to the usual place; disabled rows go nowhere', () => {
    const placed = placeExtraParams(
      [
        { key: 'q', value: '1', enabled: true, sendAs: 'query' },
        { key: 'X-Tenant', value: 'a', enabled: true, sendAs: 'header' },
        { key: 'plain', value: '2', enabled: true },
        { key: 'off', value: '3', enabled: false, sendAs: 'header' },
      ],
      'body',
    );
    expect(placed.query.map((r) => r.key)).toEqual(['q']);
    expect(placed.body.map((r) => r.key)).toEqual(['plain']);
    expect(placed.headers).toEqual({ 'x-tenant': 'a' });
  });

  it('builds the refresh request (RFC 6749 6) with the placements and the client authentication', () => {
    const request = buildRefreshRequest({
      tokenUrl: 'https://idp.example/token?tenant=t',
      refreshToken: 'RT',
      clientId: 'app',
      clientSecret: 'secret',
      clientAuthentication: 'body',
      extraParams: [
        { key: 'scope', value: 'openid', enabled: true },
        { key: 'p', value: 'v', enabled: true, sendAs: 'query' },
        { key: 'x-h', value: 'h', enabled: true, sendAs: 'header' },
      ],
    });
    expect(request.url).toBe('https://idp.example/token?tenant=t&p=v');
    expect(request.bodyParams).toEqual([['grant_type', 'refresh_token'], ['refresh_token', 'RT'], ['client_id', 'app'], ['client_secret', 'secret'], ['scope', 'openid']]);
    expect(request.headers['x-h']).toBe('h');
    expect(request.clientAuth).toBe('body');
  });
});

describe('token action errors and curl', () => {
  it('explains a refused refresh or a replayed rotated refresh token, never as a code problem', () => {
    const refused = { kind: 'oauth_error' as const, message: 'refused', error: 'invalid_grant', errorDescription: 'grant request is invalid' };
    expect(explainFlowError(refused, { action: 'refresh' }).map((e) => e.id)).toEqual(['refresh_refused']);
    expect(explainFlowError(refused, { action: 'reuse-refresh' }).map((e) => e.id)).toEqual(['refresh_reuse_refused']);
    expect(explainFlowError({ kind: 'oauth_error', message: 'x', error: 'invalid_token' }, { action: 'userinfo' }).map((e) => e.id)).toEqual(['bearer_invalid_token']);
    expect(explainFlowError(refused).map((e) => e.id)).toEqual(['invalid_grant']);
  });

  it('writes a Bearer request as curl, the token masked on screen and real when copied', () => {
    const entry = { kind: 'action_request' as const, at: '', action: 'userinfo' as const, url: 'https://idp.example/me', method: 'GET', headers: { authorization: 'Bearer AT' }, body: '', bodyParams: [], clientAuth: 'bearer' as const, clientId: 'app' };
    expect(buildCurlCommand(entry).command).toBe("curl -sS -X GET 'https://idp.example/me' \\\n  -H 'authorization: Bearer AT'");
    expect(buildCurlCommand(entry, () => '•••').command).toContain("-H 'authorization: Bearer •••'");
  });
});
