import { describe, expect, it } from 'vitest';
import { checkSettings, findPlaceholders, isLoopbackHost } from './settings-validation';
import { defaultFlowSettings, type AuthorizeMode, type FlowSettings } from './settings';
import { DEFAULT_SCHEME_CALLBACK } from './app-identity';

function settings(overrides: Partial<FlowSettings> = {}): FlowSettings {
  return {
    ...defaultFlowSettings(),
    authUrl: 'https://idp.example/oauth2/authorize',
    accessTokenUrl: 'https://idp.example/oauth2/token',
    clientId: 'my-client',
    ...overrides,
  };
}

const fieldsOf = (issues: { field: string }[]) => issues.map((i) => i.field);
const messageFor = (issues: { field: string; message: string }[], field: string) => issues.find((i) => i.field === field)?.message ?? '';

describe('checkSettings', () => {
  it('passes a complete loopback setup with no error and no warning', () => {
    expect(checkSettings(settings())).toEqual({ errors: [], warnings: [] });
  });

  it('requires the Auth URL, the Access Token URL and the Client ID, each on its own field', () => {
    const { errors } = checkSettings(settings({ authUrl: ' ', accessTokenUrl: '', clientId: '  ' }));
    expect(fieldsOf(errors)).toEqual(['authUrl', 'accessTokenUrl', 'clientId']);
    expect(messageFor(errors, 'authUrl')).toBe('Auth URL is required.');
    expect(messageFor(errors, 'accessTokenUrl')).toBe('Access Token URL is required.');
  });

  it('refuses endpoints that are not absolute http(s) URLs, or have a fragment', () => {
    expect(messageFor(checkSettings(settings({ authUrl: 'idp.example/authorize' })).errors, 'authUrl')).toMatch(/not an absolute URL/);
    expect(messageFor(checkSettings(settings({ accessTokenUrl: 'ftp://idp.example/token' })).errors, 'accessTokenUrl')).toMatch(/must be an http\(s\) URL, not ftp:/);
    expect(messageFor(checkSettings(settings({ authUrl: 'https://idp.example/authorize#x' })).errors, 'authUrl')).toMatch(/fragment/);
  });

  it('warns about plain-http endpoints on another host, not on loopback', () => {
    const { errors, warnings } = checkSettings(settings({ accessTokenUrl: 'http://idp.example/token' }));
    expect(errors).toEqual([]);
    expect(messageFor(warnings, 'accessTokenUrl')).toMatch(/RFC 9700 requires TLS/);
    expect(checkSettings(settings({ authUrl: 'http://127.0.0.1:9090/auth', accessTokenUrl: 'http://localhost:9090/token' })).warnings).toEqual([]);
  });

  it('blocks a flow while {placeholders} from a preset are left, naming them, without a second error for the same field', () => {
    const { errors } = checkSettings(
      settings({
        authUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
        accessTokenUrl: 'https://{tenant_url}/oauth2/token/{application_id}',
        clientId: '{client_id}',
        scope: 'api://{api}/read',
      }),
    );
    expect(fieldsOf(errors)).toEqual(['authUrl', 'accessTokenUrl', 'clientId', 'scope']);
    expect(messageFor(errors, 'authUrl')).toBe('Replace {tenant} with your own value.');
    expect(messageFor(errors, 'accessTokenUrl')).toBe('Replace {tenant_url}, {application_id} with your own value.');
  });

  it('refuses an authorize mode the runtime does not support (browser mode: loopback only)', () => {
    const browserMode: AuthorizeMode[] = ['browser-loopback'];
    const { errors } = checkSettings(settings({ authorizeMode: 'embedded', callbackUrl: 'https://localhost' }), browserMode);
    expect(fieldsOf(errors)).toEqual(['authorizeMode']);
    expect(checkSettings(settings(), browserMode).errors).toEqual([]);
  });

  describe('callback URL by mode', () => {
    const callbackIssues = (authorizeMode: AuthorizeMode, callbackUrl: string) => {
      const { errors, warnings } = checkSettings(settings({ authorizeMode, callbackUrl }));
      return { error: messageFor(errors, 'callbackUrl'), warning: messageFor(warnings, 'callbackUrl') };
    };

    it('loopback: needs http on 127.0.0.1, [::1] or localhost; a port is optional', () => {
      for (const ok of ['http://127.0.0.1/callback', 'http://127.0.0.1:8400/callback', 'http://[::1]/cb']) expect(callbackIssues('browser-loopback', ok)).toEqual({ error: '', warning: '' });
      for (const bad of ['https://127.0.0.1/callback', 'http://example.com/callback', 'http://127.0.0.2/callback', DEFAULT_SCHEME_CALLBACK, 'https://localhost']) {
        expect(callbackIssues('browser-loopback', bad).error).toMatch(/loopback redirect/);
      }
      expect(callbackIssues('browser-loopback', 'http://localhost:8400/callback')).toEqual({ error: '', warning: expect.stringMatching(/RFC 8252 8.3/) });
    });

    it("custom scheme: needs the app's own scheme", () => {
      expect(callbackIssues('browser-scheme', DEFAULT_SCHEME_CALLBACK)).toEqual({ error: '', warning: '' });
      expect(callbackIssues('browser-scheme', 'com.example.other:/callback').error).toContain('io.github.pkce-inspector:/callback');
      expect(callbackIssues('browser-scheme', 'http://127.0.0.1/callback').error).toMatch(/custom-scheme/);
    });

    it('embedded: takes any URL (the window intercepts it), warns about plain http off loopback', () => {
      for (const ok of ['https://localhost', 'https://localhost/callback', DEFAULT_SCHEME_CALLBACK, 'https://app.example/cb']) expect(callbackIssues('embedded', ok)).toEqual({ error: '', warning: '' });
      expect(callbackIssues('embedded', 'http://app.example/cb').warning).toMatch(/plain-http/);
    });

    it('every mode: required, absolute, and without a fragment (RFC 6749 3.1.2)', () => {
      for (const mode of ['browser-loopback', 'browser-scheme', 'embedded'] as const) {
        expect(callbackIssues(mode, '').error).toBe('Callback URL is required.');
        expect(callbackIssues(mode, '/callback').error).toMatch(/not an absolute URL/);
      }
      expect(callbackIssues('embedded', 'https://localhost/#cb').error).toMatch(/fragment/);
    });
  });

  it('warns (never blocks) about a non-conforming fixed verifier, plain, and a short fixed state', () => {
    const { errors, warnings } = checkSettings(settings({ codeVerifier: 'short+', codeChallengeMethod: 'plain', state: 'abc' }));
    expect(errors).toEqual([]);
    expect(fieldsOf(warnings)).toEqual(['codeVerifier', 'codeVerifier', 'codeVerifier', 'codeChallengeMethod', 'state']);
    expect(messageFor(warnings, 'codeChallengeMethod')).toMatch(/S256/);
  });

  it('warns about a Client ID with a space at either end (sent as typed), not blocking', () => {
    for (const clientId of [' my-client', 'my-client ', 'my-client\n']) {
      const { errors, warnings } = checkSettings(settings({ clientId }));
      expect(errors).toEqual([]);
      expect(messageFor(warnings, 'clientId')).toMatch(/starts or ends with a space/);
    }
  });

  it('validates the Origin header value: scheme://host[:port] with no path', () => {
    const originError = (tokenRequestOrigin: string) => messageFor(checkSettings(settings({ tokenRequestOrigin })).errors, 'tokenRequestOrigin');
    expect(originError('http://localhost:3000')).toBe('');
    expect(originError('https://app.example')).toBe('');
    expect(originError('https://app.example/')).toBe('');
    expect(originError('https://app.example/path')).toMatch(/no path/);
    expect(originError('localhost:3000')).toMatch(/scheme:\/\/host/);
    expect(originError('not an origin')).toMatch(/scheme:\/\/host/);
    expect(originError('https://{spa_host}')).toMatch(/Replace \{spa_host\}/);
    // One error for the field, not a second one from parsing the placeholder.
    expect(checkSettings(settings({ tokenRequestOrigin: 'https://{spa_host}' })).errors).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('findPlaceholders finds {name} holes, not JSON or spaced braces', () => {
    expect(findPlaceholders('https://{tenant}.example/{app_id}')).toEqual(['{tenant}', '{app_id}']);
    expect(findPlaceholders('{ not one }')).toEqual([]);
    expect(findPlaceholders('no holes')).toEqual([]);
  });

  it('isLoopbackHost knows the three loopback names, case-insensitively', () => {
    for (const host of ['127.0.0.1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['127.0.0.2', '::1', 'localhost.evil.com', '0.0.0.0']) expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('Send as Header', () => {
  it('refuses a header name that no request could carry', () => {
    const settings = { ...defaultFlowSettings(), authUrl: 'https://idp.example/a', accessTokenUrl: 'https://idp.example/t', clientId: 'c', extraTokenParams: [{ key: 'X Tenant', value: 'a', enabled: true, sendAs: 'header' as const }, { key: 'X-Ok', value: 'b', enabled: true, sendAs: 'header' as const }] };
    expect(checkSettings(settings).errors).toEqual([{ field: 'extraTokenParams', message: 'Not a valid header name (Send as Header): "X Tenant".' }]);
  });
});
