import { describe, expect, it } from 'vitest';
import { isAppResource, websocketOriginOf } from './app-resources';
import { isPermissionAllowed } from './permissions';
import { isSafeExternalUrl, safeExternalHref } from './external-url';
import { SECURE_BASELINE, secureWebPreferences } from './web-preferences';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of every window', () => {
    const prefs = secureWebPreferences();
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false, disableBlinkFeatures: 'Auxclick' });
    expect(prefs.preload).toBeUndefined();
  });

  it('adds a preload without touching the baseline', () => {
    const prefs = secureWebPreferences({ preload: '/app/out/preload/index.cjs' });
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject(SECURE_BASELINE);
  });

  it('cannot be weakened through its options', () => {
    const sneaky = { preload: '/p.cjs', nodeIntegration: true, sandbox: false } as unknown as Parameters<typeof secureWebPreferences>[0];
    expect(secureWebPreferences(sneaky)).toMatchObject({ nodeIntegration: false, sandbox: true });
  });
});

describe('isSafeExternalUrl', () => {
  it('lets http and https links through', () => {
    expect(isSafeExternalUrl('https://datatracker.ietf.org/doc/html/rfc7636')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:9090/')).toBe(true);
  });
  it('refuses every scheme that can run something locally, and credentials in URLs', () => {
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'smb://host/share', 'ms-msdt:/id', 'javascript:alert(1)', 'io.github.pkce-inspector:/callback?code=x', 'https://user:pass@example.com/', 'not a url', 'https://']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('safeExternalHref', () => {
  it('gives the OS the normalised URL that was checked, not the raw string', () => {
    expect(safeExternalHref(' HTTPS://IdP.Example.COM/a b?q=1 2#x ')).toBe('https://idp.example.com/a%20b?q=1%202#x');
    expect(safeExternalHref('https:\\\\evil.example\\path')).toBe('https://evil.example/path');
    expect(safeExternalHref('file:///etc/passwd')).toBeNull();
  });
});

describe('isAppResource', () => {
  it('allows the app origin and inline data, nothing remote', () => {
    expect(isAppResource('app://pkce-inspector/assets/index-abc.js', 'app://pkce-inspector')).toBe(true);
    expect(isAppResource('data:image/png;base64,AAAA', 'app://pkce-inspector')).toBe(true);
    expect(isAppResource('https://cdn.example.com/x.js', 'app://pkce-inspector')).toBe(false);
    expect(isAppResource('app://other/x.js', 'app://pkce-inspector')).toBe(false);
    expect(isAppResource('file:///etc/passwd', 'app://pkce-inspector')).toBe(false);
  });
  it('in dev allows the dev server and its HMR socket, not other local ports', () => {
    const origin = 'http://localhost:5173';
    const ws = websocketOriginOf(origin);
    expect(ws).toBe('ws://localhost:5173');
    expect(isAppResource('http://localhost:5173/src/main.tsx', origin, ws)).toBe(true);
    expect(isAppResource('ws://localhost:5173/?token=x', origin, ws)).toBe(true);
    expect(isAppResource('http://localhost:9090/authorize', origin, ws)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('lets only the app page write to the clipboard', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://pkce-inspector/index.html', 'app://pkce-inspector')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://pkce-inspector', 'app://pkce-inspector')).toBe(true);
  });
  it('denies everything else, and everything in a session without an app page', () => {
    expect(isPermissionAllowed('clipboard-read', 'app://pkce-inspector/index.html', 'app://pkce-inspector')).toBe(false);
    expect(isPermissionAllowed('media', 'app://pkce-inspector/index.html', 'app://pkce-inspector')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://idp.example.com/', 'app://pkce-inspector')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, 'app://pkce-inspector')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://idp.example.com/', null)).toBe(false);
  });
});
