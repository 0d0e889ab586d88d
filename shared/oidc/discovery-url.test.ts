import { describe, expect, it } from 'vitest';
import { checkIssuer, differOnlyByTrailingSlash, discoveryUrls, oauthAuthorizationServerUrl, openIdConfigurationUrl } from './discovery-url';

describe('discovery URLs', () => {
  it('appends the OpenID Connect path after the issuer path, a terminating slash removed (Discovery 4)', () => {
    expect(openIdConfigurationUrl('https://accounts.google.com')).toBe('https://accounts.google.com/.well-known/openid-configuration');
    expect(openIdConfigurationUrl('https://tenant.auth0.com/')).toBe('https://tenant.auth0.com/.well-known/openid-configuration');
    expect(openIdConfigurationUrl('https://login.microsoftonline.com/contoso/v2.0')).toBe('https://login.microsoftonline.com/contoso/v2.0/.well-known/openid-configuration');
    expect(openIdConfigurationUrl('https://sso.example.com/realms/demo/')).toBe('https://sso.example.com/realms/demo/.well-known/openid-configuration');
  });

  it('inserts the RFC 8414 path between the host and the issuer path (RFC 8414 3.1)', () => {
    expect(oauthAuthorizationServerUrl('https://example.com/issuer1')).toBe('https://example.com/.well-known/oauth-authorization-server/issuer1');
    expect(oauthAuthorizationServerUrl('https://example.com/tenants/acme/')).toBe('https://example.com/.well-known/oauth-authorization-server/tenants/acme');
    expect(oauthAuthorizationServerUrl('https://example.com')).toBe('https://example.com/.well-known/oauth-authorization-server');
    expect(oauthAuthorizationServerUrl('http://127.0.0.1:9090/')).toBe('http://127.0.0.1:9090/.well-known/oauth-authorization-server');
    expect(discoveryUrls('https://h.example/a')).toEqual(['https://h.example/a/.well-known/openid-configuration', 'https://h.example/.well-known/oauth-authorization-server/a']);
  });
});

describe('checkIssuer', () => {
  it('accepts http(s) issuers, trimmed', () => {
    expect(checkIssuer('  https://accounts.google.com ')).toEqual({ ok: true, issuer: 'https://accounts.google.com' });
    expect(checkIssuer('http://127.0.0.1:9090')).toEqual({ ok: true, issuer: 'http://127.0.0.1:9090' });
  });

  it.each([
    ['', /Type the Issuer first/],
    ['https://login.microsoftonline.com/{tenant}/v2.0', /Replace \{tenant\} in the Issuer first/],
    ['{tenant_url}/{application_id}', /Replace \{tenant_url\}, \{application_id\}/],
    ['login.example.com', /not an absolute URL/],
    ['ftp://idp.example', /https:\/\/ URL, not ftp:/],
    ['https://idp.example/?tenant=a', /no query/],
    ['https://idp.example/?', /no query/],
    ['https://idp.example/#x', /no fragment/],
  ])('refuses %j with a reason', (value, reason) => {
    const check = checkIssuer(value);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it('recognises a mismatch that is only a terminating slash', () => {
    expect(differOnlyByTrailingSlash('https://t.auth0.com/', 'https://t.auth0.com')).toBe(true);
    expect(differOnlyByTrailingSlash('https://t.auth0.com/', 'https://t.auth0.com/')).toBe(false);
    expect(differOnlyByTrailingSlash('https://a.example', 'https://b.example')).toBe(false);
  });
});
