import { describe, expect, it } from 'vitest';
import { authorizationParams } from './authorize-url';
import { parEndpoint } from './par-jar';
import { defaultFlowSettings, type FlowSettings } from './settings';
import { checkSettings } from './settings-validation';

const base = (over: Partial<FlowSettings> = {}): FlowSettings => ({ ...defaultFlowSettings(), authUrl: 'https://idp.example/authorize', accessTokenUrl: 'https://idp.example/token', clientId: 'c', ...over });
const metadata = (m: Record<string, unknown>) => ({ source: 'https://idp.example/.well-known/openid-configuration', fetchedAt: '2026-01-01T00:00:00.000Z', metadata: { issuer: 'https://idp.example', ...m } });
const issues = (s: FlowSettings) => {
  const check = checkSettings(s);
  return { errors: check.errors.filter((e) => ['parUrl', 'signAuthorizationRequest'].includes(e.field)), warnings: check.warnings.filter((w) => w.field === 'parUrl') };
};

describe('PAR and JAR settings', () => {
  it('the PAR endpoint: PAR URL when filled, else the metadata; neither is an error naming PAR URL, only with Use PAR on', () => {
    expect(parEndpoint(base({ parUrl: ' https://idp.example/par ' }))).toEqual({ ok: true, url: 'https://idp.example/par', source: 'field' });
    expect(parEndpoint(base({ metadata: metadata({ pushed_authorization_request_endpoint: 'https://idp.example/as/par' }) }))).toEqual({ ok: true, url: 'https://idp.example/as/par', source: 'metadata' });
    expect(issues(base({ usePar: false })).errors).toEqual([]);
    expect(issues(base({ usePar: true })).errors).toEqual([{ field: 'parUrl', message: expect.stringMatching(/^Use PAR is on, but no PAR endpoint is known: fill PAR URL in Advanced/) }]);
    expect(issues(base({ usePar: true, metadata: metadata({ pushed_authorization_request_endpoint: 'https://idp.example/as/par' }) })).errors).toEqual([]);
  });

  it('a typed PAR URL must be an absolute http(s) URL without placeholders or fragment; plain http off loopback warns', () => {
    expect(issues(base({ parUrl: 'idp.example/par' })).errors[0]?.message).toMatch(/not an absolute http\(s\) URL/);
    expect(issues(base({ parUrl: 'https://{tenant}.example/par' })).errors[0]?.message).toBe('Replace {tenant} with your own value.');
    expect(issues(base({ parUrl: 'https://idp.example/par#x' })).errors[0]?.message).toMatch(/fragment/);
    expect(issues(base({ parUrl: 'http://idp.example/par' })).warnings[0]?.message).toMatch(/plain http/);
    expect(issues(base({ parUrl: 'http://127.0.0.1:9090/request' })).warnings).toEqual([]);
  });

  it('signing needs an issuer for aud: the metadata\'s or the Issuer field', () => {
    expect(issues(base({ signAuthorizationRequest: true })).errors).toEqual([{ field: 'signAuthorizationRequest', message: expect.stringMatching(/needs the IdP's Issuer/) }]);
    expect(issues(base({ signAuthorizationRequest: true, issuer: 'https://idp.example' })).errors).toEqual([]);
    expect(issues(base({ signAuthorizationRequest: true, metadata: metadata({}) })).errors).toEqual([]);
  });

  it('authorizationParams: the parameters the Auth URL would get, without its own query', () => {
    expect(
      authorizationParams({ clientId: 'c', redirectUri: 'http://127.0.0.1/cb', scope: ' openid  profile ', state: 's', codeChallenge: null, codeChallengeMethod: 'S256', extraParams: [{ key: 'prompt', value: 'login', enabled: true }] }),
    ).toEqual([
      ['response_type', 'code'],
      ['client_id', 'c'],
      ['redirect_uri', 'http://127.0.0.1/cb'],
      ['scope', 'openid profile'],
      ['state', 's'],
      ['prompt', 'login'],
    ]);
  });
});
