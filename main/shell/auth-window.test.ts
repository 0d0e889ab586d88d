// The embedded window's orchestration against a fake Electron: which requests are cancelled, what
// reaches the flow engine, and who closed the window.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME } from '../../shared/app-identity';
import { FakeBrowserWindow, fakeEvent, fakeSession, resetFakes, type FakeSession } from './test-support/fake-electron';

vi.mock('electron', async () => (await import('./test-support/fake-electron')).electronFake);

const { AuthWindows, PERSISTENT_IDP_PARTITION } = await import('./auth-window');
const { isAuthWindowContents } = await import('./contents-roles');
const { SECURE_BASELINE } = await import('./security/web-preferences');
const { ElectronLauncher } = await import('./electron-launcher');

const AUTH_URL = 'https://idp.example.com/authorize?client_id=c&state=s1';
const CALLBACK = 'https://localhost/callback';

function setup(verdict: { accepted: true } | { accepted: false; reason: string } = { accepted: true }) {
  const callbacks: { flowId: string; url: string }[] = [];
  const closedByUser: string[] = [];
  const windows = new AuthWindows({
    onCallback: async (flowId, url) => {
      callbacks.push({ flowId, url });
      return verdict;
    },
    onClosedByUser: (flowId) => closedByUser.push(flowId),
  });
  return { windows, callbacks, closedByUser };
}

const lastWindow = () => FakeBrowserWindow.instances.at(-1)!;
const sessionOf = (window: FakeBrowserWindow) => window.webContents.session as FakeSession;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => resetFakes());

describe('AuthWindows.open', () => {
  it('opens a sandboxed window without preload, titled as the sign-in window, in an in-memory session', async () => {
    const { windows } = setup();
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    const first = lastWindow();
    expect(first.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(first.options.webPreferences?.preload).toBeUndefined();
    expect(first.title).toMatch(/sign-in \(embedded window\) — idp\.example\.com/);
    expect(first.loaded).toEqual([AUTH_URL]);
    expect(sessionOf(first).partition).not.toMatch(/^persist:/);
    expect(isAuthWindowContents(first.webContents as never)).toBe(true);
  });

  it('reuses one in-memory partition, wiped before each flow and after it, instead of a new session per flow', async () => {
    const { windows } = setup();
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    const session = sessionOf(lastWindow());
    expect(session.cleared).toEqual({ storage: 1, auth: 1, cache: 1 });
    windows.close('f1');
    await flush();
    expect(session.cleared.storage).toBe(2);
    await windows.open({ flowId: 'f2', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    expect(sessionOf(lastWindow())).toBe(session);
    expect(session.cleared).toEqual({ storage: 3, auth: 3, cache: 3 });
    // One request guard for the partition, whichever flow uses it.
    expect(session.onBeforeRequestCalls).toBe(1);
    expect(session.request(`${CALLBACK}?code=c&state=s`, lastWindow().webContents.id)).toBe(true);
  });

  it('gives a second flow running at the same time its own partition, and reuses both afterwards', async () => {
    const { windows } = setup();
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    await windows.open({ flowId: 'f2', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    const [first, second] = FakeBrowserWindow.instances;
    expect(sessionOf(first!)).not.toBe(sessionOf(second!));
    const wipesOfFirst = sessionOf(first!).cleared.storage;
    windows.close('f2');
    windows.close('f1');
    await windows.open({ flowId: 'f3', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    await windows.open({ flowId: 'f4', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    const partitions = new Set(FakeBrowserWindow.instances.map((window) => sessionOf(window).partition));
    expect(partitions.size).toBe(2);
    // The first flow's IdP session was not wiped while it ran.
    expect(wipesOfFirst).toBe(1);
  });

  it('does not open the window of a flow closed while its session was being cleared', async () => {
    const { windows } = setup();
    const opening = windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    windows.close('f1');
    await expect(opening).resolves.toBeUndefined();
    expect(FakeBrowserWindow.instances).toEqual([]);
    await windows.open({ flowId: 'f2', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('keeps the page from renaming the window', async () => {
    const { windows } = setup();
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    const event = fakeEvent('');
    lastWindow().emit('page-title-updated', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('uses the shared persistent partition when cookies are kept, with one request guard for all its flows', async () => {
    const { windows, callbacks } = setup();
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: true });
    await windows.open({ flowId: 'f2', url: AUTH_URL, redirectUri: 'https://localhost/other', keepCookies: true });
    const [first, second] = FakeBrowserWindow.instances;
    const shared = sessionOf(first!);
    expect(shared.partition).toBe(PERSISTENT_IDP_PARTITION);
    expect(sessionOf(second!)).toBe(shared);
    expect(shared.onBeforeRequestCalls).toBe(1);
    expect(shared.cleared.storage).toBe(0); // kept cookies are not wiped between flows
    // Attributed by webContents: the second window's callback goes to the second flow.
    expect(shared.request('https://localhost/other?code=c2&state=s2', second!.webContents.id)).toBe(true);
    await flush();
    expect(callbacks).toEqual([{ flowId: 'f2', url: 'https://localhost/other?code=c2&state=s2' }]);
  });

  it('refuses a non-http authorization URL', async () => {
    const { windows } = setup();
    await expect(windows.open({ flowId: 'f1', url: 'file:///etc/passwd', redirectUri: CALLBACK, keepCookies: false })).rejects.toThrow(/http/);
    expect(FakeBrowserWindow.instances).toEqual([]);
  });

  it('fails the launch when the page cannot load, and does not report it as a user cancel', async () => {
    const { windows, closedByUser } = setup();
    FakeBrowserWindow.loadError = Object.assign(new Error('ERR_NAME_NOT_RESOLVED (-105) loading ...'), { code: 'ERR_NAME_NOT_RESOLVED' });
    await expect(windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false })).rejects.toThrow('net::ERR_NAME_NOT_RESOLVED while loading https://idp.example.com');
    expect(lastWindow().isDestroyed()).toBe(true);
    expect(closedByUser).toEqual([]);
  });

  it('does not hold the launch while a committed page is still loading, nor forever on a silent server', async () => {
    const { windows } = setup();
    FakeBrowserWindow.loadHangs = true;
    const opening = windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    await flush();
    lastWindow().webContents.emit('did-navigate', fakeEvent(AUTH_URL), AUTH_URL);
    await expect(opening).resolves.toBeUndefined();

    vi.useFakeTimers();
    try {
      const silent = windows.open({ flowId: 'f2', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
      await vi.advanceTimersByTimeAsync(15_000);
      await expect(silent).resolves.toBeUndefined();
      expect(lastWindow().isDestroyed()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats an aborted first load (the page moved on) as a successful launch', async () => {
    const { windows } = setup();
    FakeBrowserWindow.loadError = Object.assign(new Error('ERR_ABORTED'), { code: 'ERR_ABORTED' });
    await expect(windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false })).resolves.toBeUndefined();
    expect(lastWindow().isDestroyed()).toBe(false);
  });
});

describe('the callback guard', () => {
  async function openOne(redirectUri = CALLBACK, verdict?: Parameters<typeof setup>[0]) {
    const context = setup(verdict);
    await context.windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri, keepCookies: false });
    const window = lastWindow();
    return { ...context, window, session: sessionOf(window) };
  }

  it('lets every hop of a multi-hop login load and never ends the flow on one', async () => {
    const { session, window, callbacks } = await openOne();
    for (const hop of ['https://idp.example.com/login', 'https://sso.example.net/saml?SAMLRequest=x', 'https://idp.example.com/mfa?code=123456', 'https://localhost.evil.com/callback?code=x']) {
      expect(session.request(hop, window.webContents.id), hop).toBe(false);
      const navigation = fakeEvent(hop);
      window.webContents.emit('will-frame-navigate', navigation);
      expect(navigation.defaultPrevented, hop).toBe(false);
    }
    await flush();
    expect(callbacks).toEqual([]);
  });

  it('cancels the callback request, so it never reaches the host, and hands it to the engine once', async () => {
    const { session, window, callbacks } = await openOne();
    const callback = `${CALLBACK}?code=abc&state=s1`;
    const redirect = fakeEvent(callback);
    window.webContents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    expect(session.request(callback, window.webContents.id)).toBe(true);
    await flush();
    expect(callbacks).toEqual([{ flowId: 'f1', url: callback }]);
  });

  it('cancels a request to the callback target that carries no result, without ending the flow', async () => {
    const { session, window, callbacks } = await openOne();
    expect(session.request(`${CALLBACK}?foo=bar`, window.webContents.id)).toBe(true);
    expect(session.request('https://localhost/callback', undefined)).toBe(true); // e.g. a service worker
    await flush();
    expect(callbacks).toEqual([]);
  });

  it('catches a custom-scheme callback, which never becomes a network request', async () => {
    const { window, callbacks } = await openOne(`${APP_SCHEME}:/callback`);
    const navigation = fakeEvent(`${APP_SCHEME}:/callback?error=access_denied&state=s1`);
    window.webContents.emit('will-frame-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
    await flush();
    expect(callbacks).toEqual([{ flowId: 'f1', url: `${APP_SCHEME}:/callback?error=access_denied&state=s1` }]);
  });

  it('explains a refused callback in the window and keeps listening for the right one', async () => {
    const { session, window, callbacks } = await openOne(CALLBACK, { accepted: false, reason: 'No pending flow has this state.' });
    expect(session.request(`${CALLBACK}?code=a&state=unknown`, window.webContents.id)).toBe(true);
    await flush();
    expect(window.loaded.at(-1)).toMatch(/^data:text\/html/);
    expect(decodeURIComponent(window.loaded.at(-1)!)).toContain('No pending flow has this state.');
    expect(session.request(`${CALLBACK}?code=b&state=s1`, window.webContents.id)).toBe(true);
    await flush();
    expect(callbacks.map((c) => c.url)).toEqual([`${CALLBACK}?code=a&state=unknown`, `${CALLBACK}?code=b&state=s1`]);
  });

  it('allows web and about:blank popups as guarded child windows, routes a popup aimed at the callback, denies other schemes', async () => {
    const { window, callbacks, session } = await openOne();
    const handler = window.webContents.openHandler!;
    for (const url of ['https://accounts.social.example/oauth', 'about:blank']) {
      const popup = handler({ url });
      expect(popup.action, url).toBe('allow');
      expect(popup.overrideBrowserWindowOptions, url).toMatchObject({ webPreferences: SECURE_BASELINE });
    }
    expect(handler({ url: 'ms-settings:privacy' }).action).toBe('deny');
    expect(handler({ url: 'about:srcdoc' }).action).toBe('deny');
    expect(handler({ url: 'file:///etc/passwd' }).action).toBe('deny');
    expect(handler({ url: `${CALLBACK}?code=p&state=s1` }).action).toBe('deny');
    await flush();
    expect(callbacks).toEqual([{ flowId: 'f1', url: `${CALLBACK}?code=p&state=s1` }]);

    // A popup window that was created is guarded like its opener.
    const child = new FakeBrowserWindow({ webPreferences: { session } });
    window.webContents.emit('did-create-window', child);
    expect(isAuthWindowContents(child.webContents as never)).toBe(true);
    expect(session.request(`${CALLBACK}?code=x&state=s1`, child.webContents.id)).toBe(true);
  });

  it('fixes the features of a popup, whatever the page asked for, and titles it with its host', async () => {
    const { window, session } = await openOne();
    const options = window.webContents.openHandler!({ url: 'https://mfa.example.net/approve' }).overrideBrowserWindowOptions as Record<string, unknown>;
    expect(options).toMatchObject({ parent: window, frame: true, transparent: false, alwaysOnTop: false, skipTaskbar: false, opacity: 1, fullscreen: false, kiosk: false, closable: true, focusable: true, show: true, modal: false });
    expect(options['title']).toMatch(/sign-in \(embedded window\) — mfa\.example\.net$/);
    // Placed over the sign-in window (the fake's bounds are 200,100 520×720), not where the page said.
    expect(options).toMatchObject({ x: 200, y: 120, width: 520, height: 680 });

    const child = new FakeBrowserWindow({ title: options['title'] as string, webPreferences: { session } });
    window.webContents.emit('did-create-window', child);
    const rename = fakeEvent('');
    child.emit('page-title-updated', rename);
    expect(rename.defaultPrevented).toBe(true);
    child.webContents.emit('did-navigate', fakeEvent('https://social.example.org/login'), 'https://social.example.org/login');
    expect(child.title).toMatch(/sign-in \(embedded window\) — social\.example\.org$/);
  });
});

describe('packaged app', () => {
  it('gives sign-in windows and their popups no DevTools', async () => {
    const windows = new AuthWindows({ onCallback: async () => ({ accepted: true }), onClosedByUser: () => {}, devTools: false });
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    const window = lastWindow();
    expect(window.options.webPreferences).toMatchObject({ devTools: false, sandbox: true });
    const popup = window.webContents.openHandler!({ url: 'https://mfa.example.net/approve' }).overrideBrowserWindowOptions as { webPreferences: Record<string, unknown> };
    expect(popup.webPreferences).toMatchObject({ devTools: false, sandbox: true });
  });

  it('keeps DevTools in development', async () => {
    const { windows } = setup();
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    expect(lastWindow().options.webPreferences?.devTools).toBeUndefined();
  });
});

describe('closing', () => {
  it('closes the window when the flow ends without reporting a cancel, and drops the flow session data', async () => {
    const { windows, closedByUser } = setup();
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: false });
    const window = lastWindow();
    windows.close('f1');
    expect(window.isDestroyed()).toBe(true);
    expect(closedByUser).toEqual([]);
    await flush();
    expect(sessionOf(window).cleared.storage).toBe(2); // before the flow, and after it
    windows.close('f1'); // idempotent
  });

  it('reports the user closing the window, once', async () => {
    const { windows, closedByUser } = setup();
    await windows.open({ flowId: 'f1', url: AUTH_URL, redirectUri: CALLBACK, keepCookies: true });
    lastWindow().userClose();
    expect(closedByUser).toEqual(['f1']);
    expect(sessionOf(lastWindow()).cleared.storage).toBe(0); // kept cookies stay
    windows.close('f1');
    expect(closedByUser).toEqual(['f1']);
  });

  it('clears the persistent IdP cookies on request', async () => {
    const { windows } = setup();
    await windows.clearPersistentCookies();
    expect(fakeSession.fromPartition(PERSISTENT_IDP_PARTITION).cleared).toEqual({ storage: 1, auth: 1, cache: 1 });
  });
});

describe('sign-out windows (RP-Initiated Logout)', () => {
  const END_SESSION = 'https://idp.example.com/session/end?client_id=c&post_logout_redirect_uri=https%3A%2F%2Flocalhost%2Fcallback&state=so1';

  async function openSignOut(keepCookies = false) {
    const context = setup();
    const returns: string[] = [];
    let userClosed = 0;
    const launcher = new ElectronLauncher(context.windows);
    await launcher.openSignOut({ id: 'sign-out-so1', url: END_SESSION, callbackUrl: CALLBACK, keepCookies }, { onReturn: (url) => returns.push(url), onClosedByUser: () => userClosed++ });
    const window = lastWindow();
    return { ...context, launcher, returns, userClosed: () => userClosed, window, session: sessionOf(window) };
  }

  it('opens the end-session URL in a guarded window of the sign-in session pool, titled as the sign-out window', async () => {
    const { window } = await openSignOut();
    expect(window.loaded).toEqual([END_SESSION]);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(window.title).toMatch(/sign-out \(embedded window\) — idp\.example\.com/);
    expect(sessionOf(window).cleared).toEqual({ storage: 1, auth: 1, cache: 1 });
    expect(isAuthWindowContents(window.webContents as never)).toBe(true);
  });

  it('titles its popups as sign-out windows too', async () => {
    const { window, session } = await openSignOut();
    const options = window.webContents.openHandler!({ url: 'https://mfa.example.net/confirm' }).overrideBrowserWindowOptions as Record<string, unknown>;
    expect(options['title']).toMatch(/sign-out \(embedded window\) — mfa\.example\.net$/);
    const child = new FakeBrowserWindow({ title: options['title'] as string, webPreferences: { session } });
    window.webContents.emit('did-create-window', child);
    child.webContents.emit('did-navigate', fakeEvent('https://social.example.org/bye'), 'https://social.example.org/bye');
    expect(child.title).toMatch(/sign-out \(embedded window\) — social\.example\.org$/);
  });

  it('uses the kept-cookies partition when the profile keeps cookies', async () => {
    const { session } = await openSignOut(true);
    expect(session.partition).toBe(PERSISTENT_IDP_PARTITION);
  });

  it('lets the IdP pages load, then stops the return at the callback (nothing reaches its host), closes the window and hands the URL back', async () => {
    const { window, session, returns, callbacks, closedByUser, userClosed } = await openSignOut();
    for (const hop of ['https://idp.example.com/session/end/confirm', 'https://idp.example.com/session/end/success?state=so1']) {
      expect(session.request(hop, window.webContents.id), hop).toBe(false);
      const navigation = fakeEvent(hop);
      window.webContents.emit('will-frame-navigate', navigation);
      expect(navigation.defaultPrevented, hop).toBe(false);
    }
    expect(returns).toEqual([]);
    expect(window.isDestroyed()).toBe(false);

    const back = `${CALLBACK}?state=so1`;
    expect(session.request(back, window.webContents.id)).toBe(true); // cancelled: the host is never reached
    expect(returns).toEqual([back]);
    expect(window.isDestroyed()).toBe(true);
    await flush();
    // Never the flow engine's business, and not a user cancel.
    expect(callbacks).toEqual([]);
    expect(closedByUser).toEqual([]);
    expect(userClosed()).toBe(0);
    expect(session.cleared.storage).toBe(2); // the in-memory session is wiped after the sign-out too
  });

  it('hands back a return without state (sign-out.ts judges it), and reports the user closing the window to its own hook', async () => {
    const first = await openSignOut();
    const redirect = fakeEvent(CALLBACK);
    first.window.webContents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    expect(first.returns).toEqual([CALLBACK]);
    expect(first.window.isDestroyed()).toBe(true);

    const second = await openSignOut();
    second.window.userClose();
    expect(second.userClosed()).toBe(1);
    expect(second.closedByUser).toEqual([]);
    expect(second.returns).toEqual([]);
  });

  it('is closed by id when the app stops waiting', async () => {
    const { launcher, window, userClosed } = await openSignOut();
    launcher.close('sign-out-so1');
    expect(window.isDestroyed()).toBe(true);
    expect(userClosed()).toBe(0);
  });
});
