// Lifecycle wiring (deep links from the three OS paths, scheme registration) and the security
// rules applied to every webContents, against a fake Electron.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME } from '../../shared/app-identity';
import { FakeSession, FakeWebContents, fakeApp, fakeEvent, resetFakes } from './test-support/fake-electron';

vi.mock('electron', async () => (await import('./test-support/fake-electron')).electronFake);

const { listenForDeepLinks, registerSchemeWithOs, claimSingleInstance } = await import('./app-lifecycle');
const { DeepLinkQueue } = await import('./deep-links');
const { applySecurityRules } = await import('./security/index');
const { markAsAuthWindow } = await import('./contents-roles');

const link = `${APP_SCHEME}:/callback?code=abc&state=s1`;
const originalArgv = process.argv;

beforeEach(() => resetFakes());
afterEach(() => {
  process.argv = originalArgv;
});

describe('deep links', () => {
  it('queues the start-up link, macOS open-url and second-instance argv, and reveals the window', () => {
    process.argv = ['/opt/PKCE Inspector/pkce-inspector', '--no-sandbox', link];
    const queue = new DeepLinkQueue();
    const reveal = vi.fn();
    listenForDeepLinks(queue, reveal);
    const openUrl = fakeEvent(`${APP_SCHEME}:/callback?code=mac&state=s2`);
    fakeApp.emit('open-url', openUrl, openUrl.url);
    expect(openUrl.defaultPrevented).toBe(true);
    fakeApp.emit('second-instance', fakeEvent(''), ['C:\\app.exe', '--flag', `"${APP_SCHEME}:/callback?code=win&state=s3"`, 'https://not.ours/'], '/');
    const delivered: string[] = [];
    queue.attach((url) => delivered.push(url));
    expect(delivered).toEqual([link, `${APP_SCHEME}:/callback?code=mac&state=s2`, `${APP_SCHEME}:/callback?code=win&state=s3`]);
    expect(reveal).toHaveBeenCalledTimes(2);
  });

  it('ignores an open-url that is not our scheme but still brings the window forward', () => {
    process.argv = ['app'];
    const queue = new DeepLinkQueue();
    const reveal = vi.fn();
    listenForDeepLinks(queue, reveal);
    const other = fakeEvent('https://example.com/');
    fakeApp.emit('open-url', other, other.url);
    expect(queue.size).toBe(0);
    expect(reveal).toHaveBeenCalledTimes(1);
  });

  it('takes the single-instance lock and registers the scheme', () => {
    expect(claimSingleInstance()).toBe(true);
    fakeApp.singleInstanceLock = false;
    expect(claimSingleInstance()).toBe(false);
    registerSchemeWithOs();
    expect(fakeApp.defaultClients[0]?.scheme).toBe(APP_SCHEME);
  });
});

describe('applySecurityRules', () => {
  function hardened() {
    const contents = new FakeWebContents(new FakeSession('rules'));
    const opened: string[] = [];
    const blocked: string[] = [];
    applySecurityRules(contents as never, { openExternal: (url) => opened.push(url), onBlockedNavigation: (url) => blocked.push(url) });
    return { contents, opened, blocked };
  }

  it('refuses <webview>', () => {
    const { contents } = hardened();
    const attach = fakeEvent('');
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('denies new windows; http(s) links go to the system browser, other schemes nowhere', () => {
    const { contents, opened } = hardened();
    expect(contents.openHandler!({ url: 'https://datatracker.ietf.org/doc/html/rfc7636' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://datatracker.ietf.org/doc/html/rfc7636']);
  });

  it('blocks navigation of the app window but leaves the sign-in window to its own guard', () => {
    const app = hardened();
    const away = fakeEvent('https://evil.example/');
    app.contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    expect(app.blocked).toEqual(['https://evil.example/']);

    const auth = hardened();
    markAsAuthWindow(auth.contents as never);
    const login = fakeEvent('https://idp.example.com/login');
    auth.contents.emit('will-navigate', login);
    expect(login.defaultPrevented).toBe(false);
  });

  it('denies every permission request and check in a session that serves no app page', () => {
    const { contents } = hardened();
    const session = contents.session;
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write']) session.permissionRequest!(contents, permission, (granted) => answers.push(granted), { requestingUrl: 'https://idp.example.com/' });
    expect(answers).toEqual([false, false, false, false, false]);
    expect(session.permissionCheck!(contents, 'media')).toBe(false);
  });
});
