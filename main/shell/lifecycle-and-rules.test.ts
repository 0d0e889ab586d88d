// Lifecycle wiring (deep links from the three OS paths, scheme registration) and the security
// rules applied to every webContents, against a fake Electron.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME } from '../../shared/app-identity';
import { FakeSession, FakeWebContents, fakeApp, fakeEvent, resetFakes } from './test-support/fake-electron';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', async () => (await import('./test-support/fake-electron')).electronFake);

const { listenForDeepLinks, registerSchemeWithOs, claimSingleInstance, separateDevData, describeSchemeRegistration, DEV_DATA_FOLDER, DEV_SCHEME_OPT_IN } = await import('./app-lifecycle');
const { appMenuTemplate } = await import('./app-menu');
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

  it('takes the single-instance lock', () => {
    expect(claimSingleInstance()).toBe(true);
    fakeApp.singleInstanceLock = false;
    expect(claimSingleInstance()).toBe(false);
  });
});

describe('development runs and the installed app', () => {
  it('gives an unpackaged run its own data folder (and with it its own single-instance lock)', () => {
    separateDevData();
    expect(fakeApp.getPath('userData')).toBe(`/home/u/.config/${DEV_DATA_FOLDER}`);
    expect(DEV_DATA_FOLDER).toBe('PKCE Inspector (dev)');
  });

  it("leaves a packaged app's data folder where Electron puts it", () => {
    fakeApp.isPackaged = true;
    separateDevData();
    expect(fakeApp.getPath('userData')).toBe('/home/u/.config/PKCE Inspector');
  });

  it('registers a packaged app as the scheme handler only when it is not the handler already', () => {
    fakeApp.isPackaged = true;
    expect(registerSchemeWithOs({})).toBe('registered');
    expect(fakeApp.defaultClients).toEqual([{ scheme: APP_SCHEME }]);
    fakeApp.alreadyDefaultFor.add(APP_SCHEME);
    expect(registerSchemeWithOs({})).toBe('already-default');
    expect(fakeApp.defaultClients).toHaveLength(1); // no second registry or xdg-settings write
    expect(describeSchemeRegistration('already-default')).toBeNull();
  });

  it('does not register a development run, unless asked to', () => {
    expect(registerSchemeWithOs({})).toBe('not-in-dev');
    expect(fakeApp.defaultClients).toEqual([]);
    expect(describeSchemeRegistration('not-in-dev')).toContain(DEV_SCHEME_OPT_IN);
    expect(registerSchemeWithOs({ [DEV_SCHEME_OPT_IN]: '1' })).toBe('registered');
    expect(fakeApp.defaultClients[0]?.scheme).toBe(APP_SCHEME);
  });

  it('offers the developer tools in the menu of a development run only', () => {
    const roles = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(roles(appMenuTemplate(platform, true)), platform).not.toContain('toggleDevTools');
      expect(roles(appMenuTemplate(platform, true)), platform).toContain('editMenu');
      expect(roles(appMenuTemplate(platform, false)), platform).toContain('toggleDevTools');
    }
    expect(roles(appMenuTemplate('darwin', true))).toContain('appMenu');
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
    contents.openHandler!({ url: 'HTTPS://Example.COM/a b' });
    expect(opened).toEqual(['https://datatracker.ietf.org/doc/html/rfc7636', 'https://example.com/a%20b']);
  });

  it('lets the app window reload its own page (dev reloads) and refuses every other navigation', () => {
    const app = hardened();
    app.contents.url = 'http://localhost:5173/';
    const reload = fakeEvent('http://localhost:5173/');
    app.contents.emit('will-navigate', reload);
    expect(reload.defaultPrevented).toBe(false);
    for (const url of ['http://localhost:5173/?evil=1', 'http://localhost:5174/', 'https://evil.example/']) {
      const away = fakeEvent(url);
      app.contents.emit('will-navigate', away);
      expect(away.defaultPrevented, url).toBe(true);
    }
    const redirect = fakeEvent('http://localhost:5173/');
    app.contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    expect(app.blocked).toEqual(['http://localhost:5173/?evil=1', 'http://localhost:5174/', 'https://evil.example/', 'http://localhost:5173/']);
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

  it('refuses screen capture the way Electron expects (null), not with an empty grant that throws in main', () => {
    const { contents } = hardened();
    const answers: unknown[] = [];
    contents.session.displayMediaRequest!({ videoRequested: true }, (streams) => answers.push(streams));
    expect(answers).toEqual([null]);
  });
});
