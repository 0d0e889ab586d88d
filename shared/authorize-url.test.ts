import { describe, expect, it } from 'vitest';
import { applyExtraParams, buildAuthorizationUrl, type AuthorizationRequestInput } from './authorize-url';

function input(overrides: Partial<AuthorizationRequestInput> = {}): AuthorizationRequestInput {
  return {
    authUrl: 'https://idp.example/oauth2/authorize',
    clientId: 'my-client',
    redirectUri: 'http://127.0.0.1:53682/callback',
    scope: 'openid profile',
    state: 'state-123',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    codeChallengeMethod: 'S256',
    ...overrides,
  };
}

describe('buildAuthorizationUrl', () => {
  it('adds the RFC 6749 4.1.1 and RFC 7636 4.3 parameters, in order, and lists them', () => {
    const { url, params } = buildAuthorizationUrl(input({ nonce: 'n-1' }));
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('https://idp.example/oauth2/authorize');
    expect(params).toEqual([
      ['response_type', 'code'],
      ['client_id', 'my-client'],
      ['redirect_uri', 'http://127.0.0.1:53682/callback'],
      ['scope', 'openid profile'],
      ['state', 'state-123'],
      ['code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
      ['code_challenge_method', 'S256'],
      ['nonce', 'n-1'],
    ]);
    expect([...parsed.searchParams.entries()]).toEqual(params);
    // Spaces as '+', reserved characters percent-encoded.
    expect(url).toContain('scope=openid+profile');
    expect(url).toContain('redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback');
  });

  it('normalises the scope whitespace and leaves out an empty scope, nonce, audience and resource', () => {
    expect(new URL(buildAuthorizationUrl(input({ scope: '  openid \n email\tprofile ' })).url).searchParams.get('scope')).toBe('openid email profile');
    const bare = new URL(buildAuthorizationUrl(input({ scope: '   ', audience: ' ', resource: '' })).url).searchParams;
    for (const key of ['scope', 'nonce', 'audience', 'resource']) expect(bare.has(key)).toBe(false);
  });

  it('adds audience and resource, trimmed', () => {
    const q = new URL(buildAuthorizationUrl(input({ audience: ' https://api.example ', resource: ' urn:api ' })).url).searchParams;
    expect(q.get('audience')).toBe('https://api.example');
    expect(q.get('resource')).toBe('urn:api');
  });

  it('keeps the query an Azure B2C Auth URL already carries (?p=policy)', () => {
    const authUrl = 'https://contoso.b2clogin.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?p=B2C_1_signin&ui_locales=en';
    const { url, params } = buildAuthorizationUrl(input({ authUrl }));
    const q = new URL(url).searchParams;
    expect(q.get('p')).toBe('B2C_1_signin');
    expect(q.get('ui_locales')).toBe('en');
    expect(q.get('client_id')).toBe('my-client');
    expect(params.slice(0, 2)).toEqual([
      ['p', 'B2C_1_signin'],
      ['ui_locales', 'en'],
    ]);
    expect(new URL(url).pathname).toBe('/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
  });

  it('works with the CyberArk shape {tenant_url}/oauth2/authorize/{application_id}, filled in', () => {
    const { url } = buildAuthorizationUrl(input({ authUrl: 'https://abc1234.id.cyberark.cloud/oauth2/authorize/pkce_app' }));
    const parsed = new URL(url);
    expect(parsed.host).toBe('abc1234.id.cyberark.cloud');
    expect(parsed.pathname).toBe('/oauth2/authorize/pkce_app');
    expect(parsed.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('replaces a standard parameter the Auth URL carried rather than sending it twice', () => {
    const q = new URL(buildAuthorizationUrl(input({ authUrl: 'https://idp.example/authorize?response_type=token&client_id=old' })).url).searchParams;
    expect(q.getAll('response_type')).toEqual(['code']);
    expect(q.getAll('client_id')).toEqual(['my-client']);
  });

  it('sends plain as the method when asked', () => {
    expect(new URL(buildAuthorizationUrl(input({ codeChallengeMethod: 'plain', codeChallenge: 'v' })).url).searchParams.get('code_challenge_method')).toBe('plain');
  });

  it('lets extra parameters win over standard ones, repeats keys given several times, skips disabled and keyless rows', () => {
    const q = new URL(
      buildAuthorizationUrl(
        input({
          extraParams: [
            { key: 'prompt', value: 'consent', enabled: true },
            { key: 'state', value: 'user-chosen', enabled: true },
            { key: 'resource', value: 'https://a.example', enabled: true },
            { key: 'resource', value: 'https://b.example', enabled: true },
            { key: 'login_hint', value: 'nobody', enabled: false },
            { key: '', value: 'orphan', enabled: true },
          ],
        }),
      ).url,
    ).searchParams;
    expect(q.get('prompt')).toBe('consent');
    expect(q.getAll('state')).toEqual(['user-chosen']);
    expect(q.getAll('resource')).toEqual(['https://a.example', 'https://b.example']);
    expect(q.has('login_hint')).toBe(false);
    expect([...q.values()]).not.toContain('orphan');
  });

  it('throws on an Auth URL that is not absolute (checkSettings catches it first in the app)', () => {
    expect(() => buildAuthorizationUrl(input({ authUrl: 'idp.example/authorize' }))).toThrow();
  });
});

describe('applyExtraParams', () => {
  it('replaces every existing value of an overridden key, including those from the Auth URL', () => {
    const params = new URLSearchParams('a=1&a=2&b=3');
    applyExtraParams(params, [{ key: 'a', value: 'x', enabled: true }]);
    expect(params.toString()).toBe('b=3&a=x');
  });

  it('treats a row without `enabled` as enabled', () => {
    const params = new URLSearchParams();
    applyExtraParams(params, [{ key: 'k', value: 'v' } as { key: string; value: string; enabled: boolean }]);
    expect(params.get('k')).toBe('v');
  });
});
