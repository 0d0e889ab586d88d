// The embedded authorization window (Postman's way): a separate, sandboxed window without preload,
// in its own session, that shows the IdP's login and hands the final callback URL to the flow
// engine without ever letting a request reach the callback target (see auth-navigation.ts).
//
// Sessions: each flow gets a fresh in-memory partition (no cookies from earlier logins, so a tester
// can switch user), unless the flow asks to keep cookies; those flows share `persist:idp-cookies`,
// which `clearPersistentCookies` empties.
//
// Popups: some IdPs open one (social login, "forgot password", MFA helpers) and rely on
// `window.opener`. They are allowed as child windows of the same session when they are plain web
// pages, with the same guards; a popup aimed at the callback is routed, anything else is denied.
import { BrowserWindow, session as electronSession, type Session, type WebContents, type WindowOpenHandlerResponse } from 'electron';
import { decideAuthNavigation } from './auth-navigation';
import { markAsAuthWindow } from './contents-roles';
import { isSafeExternalUrl } from './security/external-url';
import { restrictPermissions } from './security/permissions';
import { secureWebPreferences } from './security/web-preferences';
import { authWindowTitle, refusedCallbackPage } from './auth-window-text';

export const PERSISTENT_IDP_PARTITION = 'persist:idp-cookies';

export interface AuthWindowRequest {
  flowId: string;
  url: string;
  redirectUri: string;
  keepCookies: boolean;
}

export interface AuthWindowHooks {
  /** The final callback: returns the engine's verdict so a refused callback can be explained. */
  onCallback(flowId: string, url: string): Promise<{ accepted: true } | { accepted: false; reason: string }>;
  /** The user closed the window before the flow ended. */
  onClosedByUser(flowId: string): void;
  onBlocked?(flowId: string, url: string): void;
}

interface AuthFlow {
  flowId: string;
  redirectUri: string;
  window: BrowserWindow;
  session: Session;
  /** The partition name: sessions are told apart by it, not by wrapper identity. */
  partition: string;
  persistent: boolean;
  contentsIds: Set<number>;
  /** The callback was handed over (requests and navigation events can report it twice). */
  routed: boolean;
  closedByApp: boolean;
}

// Chromium's codes for a navigation that was abandoned or cancelled by us, which are not failures
// of the login page: the page moved on, or the guard stopped a callback request.
const BENIGN_LOAD_ERRORS = new Set(['ERR_ABORTED', 'ERR_BLOCKED_BY_CLIENT']);
const LAUNCH_PATIENCE_MS = 15_000;

export class AuthWindows {
  private readonly flows = new Map<string, AuthFlow>();
  private readonly guardedPartitions = new Set<string>();

  constructor(private readonly hooks: AuthWindowHooks) {}

  async open(request: AuthWindowRequest): Promise<void> {
    if (this.flows.has(request.flowId)) throw new Error(`Flow ${request.flowId} already has a sign-in window.`);
    // loadURL from main bypasses the navigation guards: check the first URL here.
    if (!isSafeExternalUrl(request.url)) throw new Error('only http and https authorization URLs can be opened');
    const persistent = request.keepCookies;
    // No `persist:` prefix: an in-memory partition, gone with its cookies when the app quits.
    const partition = persistent ? PERSISTENT_IDP_PARTITION : `idp-flow-${request.flowId}`;
    const session = persistent ? electronSession.fromPartition(partition) : electronSession.fromPartition(partition, { cache: false });
    restrictPermissions(session, null);
    this.guardSession(session, partition);

    const window = new BrowserWindow({
      width: 520,
      height: 720,
      title: authWindowTitle(request.url),
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences({ session }),
    });
    const flow: AuthFlow = { flowId: request.flowId, redirectUri: request.redirectUri, window, session, partition, persistent, contentsIds: new Set(), routed: false, closedByApp: false };
    this.flows.set(request.flowId, flow);
    this.guardContents(flow, window.webContents);
    // The title says what this window is and which host it shows (there is no address bar).
    window.on('page-title-updated', (event) => event.preventDefault());
    window.webContents.on('did-navigate', (_event, url) => window.setTitle(authWindowTitle(url)));
    window.on('closed', () => this.handleClosed(flow));

    // The launch succeeds once the first page has committed (its response arrived): errors before
    // that (DNS, refused connection, TLS) fail the flow with a clear reason. A page that then loads
    // slowly, or a server that never answers, must not hold startFlow: after a while the window is
    // simply open, and the user can wait or close it (which cancels the flow).
    const loading = window.loadURL(request.url);
    loading.catch(() => undefined); // later failures are shown in the window itself
    const committed = new Promise<void>((resolve) => {
      window.webContents.once('did-navigate', () => resolve());
      setTimeout(resolve, LAUNCH_PATIENCE_MS).unref();
    });
    try {
      await Promise.race([loading, committed]);
    } catch (err) {
      if (flow.routed || flow.closedByApp || window.isDestroyed()) return;
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && BENIGN_LOAD_ERRORS.has(code)) return;
      this.close(request.flowId);
      throw new Error(`${typeof code === 'string' ? `net::${code}` : err instanceof Error ? err.message : String(err)} while loading ${new URL(request.url).origin}`, { cause: err });
    }
  }

  /** The flow ended: close its window (and its popups) without reporting a user cancel. */
  close(flowId: string): void {
    const flow = this.flows.get(flowId);
    if (!flow) return;
    flow.closedByApp = true;
    this.release(flow);
    // destroy(), not close(): a login page's beforeunload handler must not keep the window open.
    if (!flow.window.isDestroyed()) flow.window.destroy();
  }

  closeAll(): void {
    for (const flowId of [...this.flows.keys()]) this.close(flowId);
  }

  /** Forget the IdP cookies and storage that `keepCookies` flows collected. */
  async clearPersistentCookies(): Promise<void> {
    const session = electronSession.fromPartition(PERSISTENT_IDP_PARTITION);
    await session.clearStorageData();
    await session.clearAuthCache();
    await session.clearCache();
  }

  private handleClosed(flow: AuthFlow): void {
    if (flow.closedByApp) return;
    this.release(flow);
    this.hooks.onClosedByUser(flow.flowId);
  }

  private release(flow: AuthFlow): void {
    if (this.flows.get(flow.flowId) !== flow) return;
    this.flows.delete(flow.flowId);
    // An in-memory partition cannot be deleted, but its cookies and storage can be dropped now.
    if (!flow.persistent) flow.session.clearStorageData().catch(() => undefined);
  }

  /** Every request of the session, including subresources, redirects and popups, passes here. */
  private guardSession(session: Session, partition: string): void {
    // One listener per session (a second onBeforeRequest would replace the first); it looks up the
    // flows of its partition at request time, so flows sharing the persistent one are all guarded.
    if (this.guardedPartitions.has(partition)) return;
    this.guardedPartitions.add(partition);
    session.webRequest.onBeforeRequest((details, callback) => {
      const owners = this.flowsOf(partition, details.webContentsId);
      callback({ cancel: owners.some((flow) => this.stopIfCallback(flow, details.url)) });
    });
  }

  // The flow a request belongs to; a request without a webContents (a service worker, a preconnect)
  // is checked against every flow of the session, so it cannot reach any callback target either.
  private flowsOf(partition: string, webContentsId: number | undefined): AuthFlow[] {
    const inSession = [...this.flows.values()].filter((flow) => flow.partition === partition);
    const owner = webContentsId === undefined ? undefined : inSession.find((flow) => flow.contentsIds.has(webContentsId));
    return owner ? [owner] : inSession;
  }

  /** True when the URL must not load; routes the final callback to the engine. */
  private stopIfCallback(flow: AuthFlow, url: string): boolean {
    const decision = decideAuthNavigation(url, flow.redirectUri);
    if (decision === 'allow') return false;
    if (decision === 'route') this.route(flow, url);
    else this.hooks.onBlocked?.(flow.flowId, url);
    return true;
  }

  private guardContents(flow: AuthFlow, contents: WebContents): void {
    markAsAuthWindow(contents);
    flow.contentsIds.add(contents.id);
    // Renderer-initiated navigations of any frame, and server redirects: custom-scheme callbacks
    // never produce a network request, so these events are where they are caught.
    const guard = (event: { url: string; preventDefault(): void }) => {
      if (this.stopIfCallback(flow, event.url)) event.preventDefault();
    };
    contents.on('will-frame-navigate', guard);
    contents.on('will-redirect', guard);
    contents.setWindowOpenHandler(({ url }) => this.popupPolicy(flow, url));
    contents.on('did-create-window', (child) => this.guardContents(flow, child.webContents));
  }

  private popupPolicy(flow: AuthFlow, url: string): WindowOpenHandlerResponse {
    if (this.stopIfCallback(flow, url) || !isSafeExternalUrl(url)) return { action: 'deny' };
    return { action: 'allow', overrideBrowserWindowOptions: { width: 520, height: 680, autoHideMenuBar: true, webPreferences: secureWebPreferences() } };
  }

  private route(flow: AuthFlow, url: string): void {
    if (flow.routed) return;
    flow.routed = true;
    void this.hooks.onCallback(flow.flowId, url).then(
      (outcome) => {
        if (outcome.accepted || flow.window.isDestroyed()) return;
        // Refused (e.g. a state that matches no flow): say so in the window, and keep listening.
        flow.routed = false;
        void flow.window.loadURL(refusedCallbackPage(outcome.reason)).catch(() => undefined);
      },
      () => {
        flow.routed = false;
      },
    );
  }
}
