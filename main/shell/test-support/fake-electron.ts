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

type DisplayMediaHandler = (request: unknown, callback: (streams: unknown) => void) => void;

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;

export class FakeSession {
  beforeRequest: BeforeRequestListener | null = null;
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  displayMediaRequest: DisplayMediaHandler | null = null;
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
  setDisplayMediaRequestHandler(handler: DisplayMediaHandler) { this.displayMediaRequest = handler; }
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
  /** The committed URL (what getURL answers); loadURL sets it. */
  url = '';
  constructor(readonly session: FakeSession) {
    super();
  }
  getURL() { return this.url; }
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
  constructor(readonly options: { title?: string; webPreferences?: { session?: FakeSession; preload?: string } & Record<string, unknown> } & Record<string, unknown>) {
    super();
    this.title = options.title ?? '';
    this.webContents = new FakeWebContents(options.webPreferences?.session ?? fakeSession.defaultSession);
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string) {
    this.loaded.push(url);
    this.webContents.url = url;
    if (FakeBrowserWindow.loadHangs) return new Promise<void>(() => undefined);
    if (FakeBrowserWindow.loadError) throw FakeBrowserWindow.loadError;
  }
  setTitle(title: string) { this.title = title; }
  getBounds() { return { x: 200, y: 100, width: 520, height: 720 }; }
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

export const fakeShell = {
  opened: [] as string[],
  /** Set by a test to make openExternal reject, as it does when the OS has no handler. */
  failWith: null as Error | null,
  async openExternal(url: string) {
    if (fakeShell.failWith) throw fakeShell.failWith;
    fakeShell.opened.push(url);
  },
};

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
  /** Schemes the OS already routes to this app (isDefaultProtocolClient answers true). */
  alreadyDefaultFor = new Set<string>();
  singleInstanceLock = true;
  isPackaged = false;
  paths = new Map<string, string>([['appData', '/home/u/.config'], ['userData', '/home/u/.config/PKCE Inspector']]);
  requestSingleInstanceLock() { return this.singleInstanceLock; }
  isDefaultProtocolClient(scheme: string) { return this.alreadyDefaultFor.has(scheme); }
  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]) {
    this.defaultClients.push({ scheme, ...(path !== undefined ? { path } : {}), ...(args !== undefined ? { args } : {}) });
    return true;
  }
  getPath(name: string) {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setPath(name: string, path: string) { this.paths.set(name, path); }
}
export const fakeApp = new FakeApp();

export function resetFakes(): void {
  fakeApp.removeAllListeners();
  fakeApp.defaultClients = [];
  fakeApp.alreadyDefaultFor = new Set();
  fakeApp.singleInstanceLock = true;
  fakeApp.isPackaged = false;
  fakeApp.paths = new Map([['appData', '/home/u/.config'], ['userData', '/home/u/.config/PKCE Inspector']]);
  sessions.clear();
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.loadError = null;
  FakeBrowserWindow.loadHangs = false;
  fakeShell.opened = [];
  fakeShell.failWith = null;
  fakeIpcMain.handlers.clear();
}

export const electronFake = {
  BrowserWindow: FakeBrowserWindow,
  session: fakeSession,
  shell: fakeShell,
  ipcMain: fakeIpcMain,
  app: fakeApp,
};
