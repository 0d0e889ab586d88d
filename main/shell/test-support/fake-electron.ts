// A small stand-in for the parts of Electron the shell uses, for unit tests (`vi.mock('electron')`):
// the Electron binary cannot run in CI, but the shell's orchestration (which request is cancelled,
// which window closes, what is reported) can still be exercised against these fakes.
import { EventEmitter } from 'node:events';

export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url: string, extra: Record<string, unknown> = {}): FakeEvent {
  return { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }, ...extra };
}

type BeforeRequestListener = (details: { url: string; webContentsId?: number }, callback: (response: { cancel?: boolean }) => void) => void;

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;

export class FakeSession {
  beforeRequest: BeforeRequestListener | null = null;
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  onBeforeRequestCalls = 0;
  cleared = { storage: 0, auth: 0, cache: 0 };
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener) => {
      this.onBeforeRequestCalls++;
      this.beforeRequest = listener;
    },
    onHeadersReceived: () => undefined,
  };
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(handler: PermissionRequestHandler) { this.permissionRequest = handler; }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) { this.permissionCheck = handler; }
  setDevicePermissionHandler() {}
  setDisplayMediaRequestHandler() {}
  async clearStorageData() { this.cleared.storage++; }
  async clearAuthCache() { this.cleared.auth++; }
  async clearCache() { this.cleared.cache++; }

  /** What the network layer would do: ask the listener, return whether the request was cancelled. */
  request(url: string, webContentsId?: number): boolean {
    let cancelled = false;
    this.beforeRequest?.({ url, ...(webContentsId !== undefined ? { webContentsId } : {}) }, (response) => { cancelled = response.cancel === true; });
    return cancelled;
  }
}

const sessions = new Map<string, FakeSession>();
export const fakeSession = {
  fromPartition: (partition: string) => {
    if (!sessions.has(partition)) sessions.set(partition, new FakeSession(partition));
    return sessions.get(partition)!;
  },
  defaultSession: new FakeSession('(default)'),
};

let nextId = 1;
type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny'; overrideBrowserWindowOptions?: unknown };

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  openHandler: OpenHandler | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  mainFrame = { url: 'app://pkce-inspector/index.html', processId: 1, routingId: this.id, parent: null, origin: 'app://pkce-inspector' };
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: OpenHandler) { this.openHandler = handler; }
  send(channel: string, payload: unknown) { this.sent.push({ channel, payload }); }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** Set by a test to make the next loadURL calls fail (e.g. { code: 'ERR_NAME_NOT_RESOLVED' }). */
  static loadError: unknown = null;
  /** Set by a test to make loadURL never settle (a server that does not answer). */
  static loadHangs = false;
  readonly webContents: FakeWebContents;
  readonly loaded: string[] = [];
  title: string;
  destroyed = false;
  constructor(readonly options: { title?: string; webPreferences?: { session?: FakeSession; preload?: string } & Record<string, unknown> }) {
    super();
    this.title = options.title ?? '';
    this.webContents = new FakeWebContents(options.webPreferences?.session ?? fakeSession.defaultSession);
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string) {
    this.loaded.push(url);
    if (FakeBrowserWindow.loadHangs) return new Promise<void>(() => undefined);
    if (FakeBrowserWindow.loadError) throw FakeBrowserWindow.loadError;
  }
  setTitle(title: string) { this.title = title; }
  isDestroyed() { return this.destroyed; }
  isMinimized() { return false; }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  /** The user clicks the close button. */
  userClose() { this.destroy(); }
}

export const fakeShell = { opened: [] as string[], async openExternal(url: string) { fakeShell.opened.push(url); } };

type Handler = (event: unknown, input: unknown) => unknown;
export const fakeIpcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (fakeIpcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fakeIpcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string) { fakeIpcMain.handlers.delete(channel); },
};

class FakeApp extends EventEmitter {
  defaultClients: { scheme: string; path?: string; args?: string[] }[] = [];
  singleInstanceLock = true;
  requestSingleInstanceLock() { return this.singleInstanceLock; }
  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]) {
    this.defaultClients.push({ scheme, ...(path !== undefined ? { path } : {}), ...(args !== undefined ? { args } : {}) });
    return true;
  }
}
export const fakeApp = new FakeApp();

export function resetFakes(): void {
  fakeApp.removeAllListeners();
  fakeApp.defaultClients = [];
  fakeApp.singleInstanceLock = true;
  sessions.clear();
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.loadError = null;
  FakeBrowserWindow.loadHangs = false;
  fakeShell.opened = [];
  fakeIpcMain.handlers.clear();
}

export const electronFake = {
  BrowserWindow: FakeBrowserWindow,
  session: fakeSession,
  shell: fakeShell,
  ipcMain: fakeIpcMain,
  app: fakeApp,
};
