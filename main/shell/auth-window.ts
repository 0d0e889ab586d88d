// The embedded authorization window (Postman's way): a separate, sandboxed window without preload,
// in its own session, that shows the IdP's login and hands the final callback URL to the flow
// engine without ever letting a request reach the callback target (see auth-navigation.ts).
//
// Sessions: see sign-in-partitions.ts (a reused in-memory partition wiped between flows, or the
// shared persistent one when the flow keeps cookies).
//
// Popups: some IdPs open one (social login, "forgot password", MFA helpers) and rely on
// `window.opener`. They are allowed as child windows of the same session when they are plain web
// pages or `about:blank`, with fixed window features (auth-popup.ts) and the same guards; a popup
// aimed at the callback is routed, anything else is denied.
//
// Sign-out windows (RP-Initiated Logout, see sign-out.ts) are the same window in the same session
// pool; they end when the IdP sends them back to the callback target, which goes to their own hooks
// rather than the flow engine.
import { BrowserWindow, type WebContents, type WindowOpenHandlerResponse } from 'electron';
import { decideAuthNavigation, type AuthWindowKind } from './auth-navigation';
import { isAllowedPopupUrl, signInPopupOptions } from './auth-popup';
import { markAsAuthWindow } from './contents-roles';
import { isSafeExternalUrl } from './security/external-url';
import { restrictPermissions } from './security/permissions';
import { secureWebPreferences } from './security/web-preferences';
import { authWindowTitle, refusedCallbackPage } from './auth-window-text';
import type { SignOutWindowHooks } from '../token-actions/sign-out';
import { PERSISTENT_IDP_PARTITION, SignInPartitions, type SignInPartition } from './sign-in-partitions';

export { PERSISTENT_IDP_PARTITION };

export interface AuthWindowRequest {
  flowId: string;
  url: string;
  redirectUri: string;
  keepCookies: boolean;
  /** Makes it a sign-out window: its return goes here, not to AuthWindowHooks. */
  signOut?: SignOutWindowHooks;
}

export interface AuthWindowHooks {
  /** The final callback: returns the engine's verdict so a refused callback can be explained. */
  onCallback(flowId: string, url: string): Promise<{ accepted: true } | { accepted: false; reason: string }>;
  /** The user closed the window before the flow ended. */
  onClosedByUser(flowId: string): void;
  onBlocked?(flowId: string, url: string): void;
  /** false in a packaged app: sign-in windows and their popups get no DevTools. */
  devTools?: boolean;
}

interface AuthFlow {
  flowId: string;
  redirectUri: string;
  window: BrowserWindow;
  partition: SignInPartition;
  kind: AuthWindowKind;
  signOut: SignOutWindowHooks | undefined;
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
  private readonly partitions = new SignInPartitions();
  /** Flows whose window is being prepared, and whether the flow was closed meanwhile. */
  private readonly opening = new Map<string, { abandoned: boolean }>();

  constructor(private readonly hooks: AuthWindowHooks) {}

  async open(request: AuthWindowRequest): Promise<void> {
    if (this.flows.has(request.flowId) || this.opening.has(request.flowId)) throw new Error(`Flow ${request.flowId} already has a sign-in window.`);
    // loadURL from main bypasses the navigation guards: check the first URL here.
    if (!isSafeExternalUrl(request.url)) throw new Error('only http and https authorization URLs can be opened');
    const opening = { abandoned: false };
    this.opening.set(request.flowId, opening);
    let partition: SignInPartition;
    try {
      partition = await this.partitions.acquire(request.keepCookies);
    } finally {
      this.opening.delete(request.flowId);
    }
    // The flow ended (cancelled, app quitting) while its session was being cleared.
    if (opening.abandoned) {
      this.partitions.release(partition);
      return;
    }
    restrictPermissions(partition.session, null);
    this.guardSession(partition);

    const kind: AuthWindowKind = request.signOut ? 'sign-out' : 'sign-in';
    const window = new BrowserWindow({
      width: 520,
      height: 720,
      title: authWindowTitle(request.url, kind),
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences({ session: partition.session, ...(this.hooks.devTools === false ? { devTools: false as const } : {}) }),
    });
    const flow: AuthFlow = { flowId: request.flowId, redirectUri: request.redirectUri, window, partition, kind, signOut: request.signOut, contentsIds: new Set(), routed: false, closedByApp: false };
    this.flows.set(request.flowId, flow);
    this.guardContents(flow, window.webContents);
    titleWithHost(window, kind);
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
    if (!flow) {
      const opening = this.opening.get(flowId);
      if (opening) opening.abandoned = true;
      return;
    }
    flow.closedByApp = true;
    this.release(flow);
    // destroy(), not close(): a login page's beforeunload handler must not keep the window open.
    if (!flow.window.isDestroyed()) flow.window.destroy();
  }

  closeAll(): void {
    for (const flowId of [...this.flows.keys(), ...this.opening.keys()]) this.close(flowId);
  }

  /** Forget the IdP cookies and storage that `keepCookies` flows collected. */
  async clearPersistentCookies(): Promise<void> {
    await this.partitions.clearPersistent();
  }

  private handleClosed(flow: AuthFlow): void {
    if (flow.closedByApp) return;
    this.release(flow);
    if (flow.signOut) flow.signOut.onClosedByUser();
    else this.hooks.onClosedByUser(flow.flowId);
  }

  private release(flow: AuthFlow): void {
    if (this.flows.get(flow.flowId) !== flow) return;
    this.flows.delete(flow.flowId);
    // Kept cookies stay; an in-memory partition is wiped and free for the next flow.
    this.partitions.release(flow.partition);
  }

  /** Every request of the session, including subresources, redirects and popups, passes here. */
  private guardSession({ name, session }: SignInPartition): void {
    // One listener per session (a second onBeforeRequest would replace the first); it looks up the
    // flows of its partition at request time, so flows sharing a partition are all guarded.
    if (this.guardedPartitions.has(name)) return;
    this.guardedPartitions.add(name);
    session.webRequest.onBeforeRequest((details, callback) => {
      const owners = this.flowsOf(name, details.webContentsId);
      callback({ cancel: owners.some((flow) => this.stopIfCallback(flow, details.url)) });
    });
  }

  // The flow a request belongs to; a request without a webContents (a service worker, a preconnect)
  // is checked against every flow of the session, so it cannot reach any callback target either.
  private flowsOf(partition: string, webContentsId: number | undefined): AuthFlow[] {
    const inSession = [...this.flows.values()].filter((flow) => flow.partition.name === partition);
    const owner = webContentsId === undefined ? undefined : inSession.find((flow) => flow.contentsIds.has(webContentsId));
    return owner ? [owner] : inSession;
  }

  /** True when the URL must not load; routes the final callback to the engine. */
  private stopIfCallback(flow: AuthFlow, url: string): boolean {
    const decision = decideAuthNavigation(url, flow.redirectUri, flow.kind);
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
    contents.on('did-create-window', (child) => {
      this.guardContents(flow, child.webContents);
      titleWithHost(child, flow.kind);
    });
  }

  private popupPolicy(flow: AuthFlow, url: string): WindowOpenHandlerResponse {
    if (this.stopIfCallback(flow, url) || !isAllowedPopupUrl(url)) return { action: 'deny' };
    return { action: 'allow', overrideBrowserWindowOptions: signInPopupOptions(flow.window, url, flow.kind, this.hooks.devTools !== false) };
  }

  private route(flow: AuthFlow, url: string): void {
    if (flow.routed) return;
    flow.routed = true;
    if (flow.signOut) {
      this.close(flow.flowId);
      flow.signOut.onReturn(url);
      return;
    }
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

/** The title says what the window is and which host it shows (there is no address bar). */
function titleWithHost(window: BrowserWindow, kind: AuthWindowKind = 'sign-in'): void {
  window.on('page-title-updated', (event) => event.preventDefault());
  window.webContents.on('did-navigate', (_event, url) => window.setTitle(authWindowTitle(url, kind)));
}
