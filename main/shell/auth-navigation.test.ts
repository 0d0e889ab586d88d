import { describe, expect, it } from 'vitest';
import { APP_SCHEME } from '../../shared/app-identity';
import { decideAuthNavigation } from './auth-navigation';

describe('decideAuthNavigation', () => {
  describe('with an https://localhost callback', () => {
    const callback = 'https://localhost';
    it('routes the callback carrying a code or an error', () => {
      expect(decideAuthNavigation('https://localhost/?code=abc&state=s', callback)).toBe('route');
      expect(decideAuthNavigation('https://localhost?error=access_denied&state=s', callback)).toBe('route');
    });
    it('routes a fragment callback', () => {
      expect(decideAuthNavigation('https://localhost/#code=abc&state=s', callback)).toBe('route');
    });
    it('blocks a request to the callback that carries no result, so the host is never reached', () => {
      expect(decideAuthNavigation('https://localhost/', callback)).toBe('block');
      expect(decideAuthNavigation('https://localhost/?foo=bar', callback)).toBe('block');
    });
    it('does not confuse a look-alike host with the callback', () => {
      expect(decideAuthNavigation('https://localhost.evil.com/?code=abc', callback)).toBe('allow');
      expect(decideAuthNavigation('https://evil.com/localhost?code=abc', callback)).toBe('allow');
    });
    it('treats another port or scheme as another target', () => {
      expect(decideAuthNavigation('https://localhost:8443/?code=abc', callback)).toBe('allow');
      expect(decideAuthNavigation('http://localhost/?code=abc', callback)).toBe('allow');
      expect(decideAuthNavigation('https://localhost:443/?code=abc', callback)).toBe('route');
    });
    it('treats another path on the callback host as a page, not the callback', () => {
      expect(decideAuthNavigation('https://localhost/other?code=abc', callback)).toBe('allow');
    });
  });

  describe('with a loopback callback', () => {
    const callback = 'http://127.0.0.1:53682/callback';
    it('routes the exact port and path only', () => {
      expect(decideAuthNavigation('http://127.0.0.1:53682/callback?code=abc&state=s', callback)).toBe('route');
      expect(decideAuthNavigation('http://127.0.0.1:53683/callback?code=abc&state=s', callback)).toBe('allow');
      expect(decideAuthNavigation('http://127.0.0.1:53682/callback', callback)).toBe('block');
    });
  });

  describe('with a custom-scheme callback', () => {
    const callback = `${APP_SCHEME}:/callback`;
    it('routes the final callback', () => {
      expect(decideAuthNavigation(`${APP_SCHEME}:/callback?code=abc&state=s`, callback)).toBe('route');
    });
    it('blocks our own scheme when it is not the final callback, so the OS never launches a second copy', () => {
      expect(decideAuthNavigation(`${APP_SCHEME}:/callback`, callback)).toBe('block');
      expect(decideAuthNavigation(`${APP_SCHEME}:/elsewhere?code=abc`, callback)).toBe('block');
    });
  });

  describe('with a callback on the IdP host (Azure native client)', () => {
    const callback = 'https://login.microsoftonline.com/common/oauth2/nativeclient';
    it('lets the login pages of the same host load and routes only the callback', () => {
      expect(decideAuthNavigation('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x', callback)).toBe('allow');
      expect(decideAuthNavigation('https://login.microsoftonline.com/common/login', callback)).toBe('allow');
      expect(decideAuthNavigation('https://login.microsoftonline.com/common/oauth2/nativeclient?code=abc&state=s', callback)).toBe('route');
    });
  });

  it('lets the intermediate pages of a multi-hop login load', () => {
    const callback = 'https://localhost/callback';
    for (const hop of ['https://idp.example.com/authorize?redirect_uri=https%3A%2F%2Flocalhost%2Fcallback&state=s', 'https://idp.example.com/login?return=%2Fauthorize', 'https://mfa.example.net/challenge?code=123456', 'about:blank', 'data:image/png;base64,AAAA']) {
      expect(decideAuthNavigation(hop, callback), hop).toBe('allow');
    }
  });

  it('blocks schemes that would leave the window', () => {
    const callback = 'https://localhost/callback';
    for (const url of ['file:///etc/passwd', 'chrome://settings', 'mailto:a@b.c', 'ms-outlook:compose', 'javascript:alert(1)', 'not a url']) {
      expect(decideAuthNavigation(url, callback), url).toBe('block');
    }
  });

  it('in a sign-out window, routes any arrival at the exact callback target (the return carries only state), and nothing else', () => {
    const callback = 'https://localhost/callback';
    expect(decideAuthNavigation('https://localhost/callback?state=s', callback, 'sign-out')).toBe('route');
    expect(decideAuthNavigation('https://localhost/callback', callback, 'sign-out')).toBe('route');
    expect(decideAuthNavigation('https://localhost/callback', callback)).toBe('block');
    expect(decideAuthNavigation('https://idp.example.com/session/end/confirm?state=s', callback, 'sign-out')).toBe('allow');
    expect(decideAuthNavigation('https://localhost/other?state=s', callback, 'sign-out')).toBe('allow');
    expect(decideAuthNavigation('file:///etc/passwd', callback, 'sign-out')).toBe('block');
  });
});
