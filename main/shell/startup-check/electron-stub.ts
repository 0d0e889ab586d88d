// A stand-in for the main-process `electron` module, for running the *built* main bundle under
// plain Node (start-up.test.ts). Unlike test-support/fake-electron.ts, which serves unit tests of
// single modules, it enforces Electron's documented ordering rules and throws where Electron would:
// privileges, the sandbox switch or `userData` changed after `ready`; sessions, windows or protocol
// handlers before it; a relative or missing preload path; a second handler on one IPC channel; a
// payload that cannot cross processes (structured clone). Every call is recorded with the phase it
// came in, and every rule broken is also kept in `stub.violations`, since the app may catch a throw.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export type Phase = 'before-ready' | 'after-ready';
export interface RecordedCall {
  api: string;
  phase: Phase;
  args: unknown[];
}

export interface StubScenario {
  isPackaged: boolean;
  /** What requestSingleInstanceLock answers (false: another instance runs). */
  singleInstanceLock: boolean;
  /** Whether the OS already routes the app's scheme to this app. */
  alreadyDefaultProtocolClient: boolean;
  appDataDir: string;
}

export const stub = {
  scenario: { isPackaged: false, singleInstanceLock: true, alreadyDefaultProtocolClient: false, appDataDir: '/nonexistent' } as StubScenario,
  ready: false,
  calls: [] as RecordedCall[],
  violations: [] as string[],
  quit: null as null | { how: 'quit' | 'exit'; code: number },
};

const phase = (): Phase => (stub.ready ? 'after-ready' : 'before-ready');
function record(api: string, ...args: unknown[]): void {
  stub.calls.push({ api, phase: phase(), args: args.map(describe) });
}
/** Throws like Electron, and keeps the message in case the app swallows the error. */
function violation(message: string): never {
  stub.violations.push(message);
  throw new Error(message);
}
function requireReady(what: string): void {
  if (!stub.ready) violation(`${what} cannot be used before the app is ready`);
}
function requireNotReady(what: string): void {
  if (stub.ready) violation(`${what} must be called before the app is ready`);
}
/** Electron serialises IPC payloads with the structured clone algorithm. */
function mustCrossProcesses(where: string, value: unknown): void {
  try {
    structuredClone(value);
  } catch (err) {
    violation(`${where}: the payload cannot cross processes (${err instanceof Error ? err.message : String(err)})`);
  }
}
/** A plain-data copy for the report: windows and sessions by name, functions as a mark. */
function describe(value: unknown): unknown {
  const replacer = (_key: string, item: unknown) => {
    if (typeof item === 'function') return '[function]';
    if (item instanceof StubSession) return `[session ${item.partition}]`;
    if (item instanceof StubBrowserWindow) return `[window ${item.id}]`;
    return item;
  };
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value, replacer)) as unknown;
}

type Handler = (...args: unknown[]) => unknown;

class StubApp extends EventEmitter {
  private readonly paths = new Map<string, string>();
  private readonly readyWaiters: (() => void)[] = [];
  get isPackaged(): boolean {
    return stub.scenario.isPackaged;
  }
  getVersion(): string {
    return '0.0.0-startup-check';
  }
  getPath(name: string): string {
    if (name === 'appData') return stub.scenario.appDataDir;
    if (name === 'userData' || name === 'sessionData') return this.paths.get(name) ?? this.paths.get('userData') ?? join(stub.scenario.appDataDir, 'PKCE Inspector');
    if (name === 'temp' || name === 'logs') return join(stub.scenario.appDataDir, name);
    return violation(`app.getPath: unknown or unsupported path name '${name}'`);
  }
  setPath(name: string, path: string): void {
    record('app.setPath', name, path);
    if (!isAbsolute(path)) violation(`app.setPath('${name}'): the path must be absolute`);
    if (name === 'userData' || name === 'sessionData') requireNotReady(`app.setPath('${name}')`);
    this.paths.set(name, path);
  }
  enableSandbox(): void {
    record('app.enableSandbox');
    requireNotReady('app.enableSandbox()');
  }
  requestSingleInstanceLock(): boolean {
    // The lock lives in userData: which folder it was taken in is part of the record.
    record('app.requestSingleInstanceLock', this.getPath('userData'));
    return stub.scenario.singleInstanceLock;
  }
  isDefaultProtocolClient(...args: unknown[]): boolean {
    record('app.isDefaultProtocolClient', ...args);
    return stub.scenario.alreadyDefaultProtocolClient;
  }
  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    record('app.setAsDefaultProtocolClient', ...args);
    return true;
  }
  isReady(): boolean {
    return stub.ready;
  }
  whenReady(): Promise<void> {
    return stub.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  /** What Electron does once the platform is up. */
  fireReady(): void {
    stub.ready = true;
    this.emit('ready', {}, {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  quit(): void {
    record('app.quit');
    if (stub.quit) return;
    if (!stub.ready) {
      stub.quit = { how: 'quit', code: 0 };
      return;
    }
    if (preventable(this, 'before-quit')) return;
    for (const window of [...StubBrowserWindow.all]) window.destroy();
    if (preventable(this, 'will-quit')) return;
    stub.quit = { how: 'quit', code: 0 };
    this.emit('quit', {}, 0);
  }
  exit(code = 0): void {
    record('app.exit', code);
    stub.quit ??= { how: 'exit', code };
  }
}

function preventable(emitter: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  emitter.emit(name, { preventDefault: () => { prevented = true; } }, ...args);
  return prevented;
}

export const app = new StubApp();

export class StubSession {
  readonly webRequestListeners: Record<string, Handler | null> = { onBeforeRequest: null, onHeadersReceived: null };
  permissionRequestHandler: Handler | null = null;
  displayMediaRequestHandler: Handler | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: Handler) => this.setListener('onBeforeRequest', listener),
    onHeadersReceived: (listener: Handler) => this.setListener('onHeadersReceived', listener),
  };
  constructor(readonly partition: string) {}
  private setListener(name: string, listener: Handler): void {
    record(`session(${this.partition}).webRequest.${name}`);
    // Electron keeps one listener per event and session: a second one silently replaces the first.
    if (this.webRequestListeners[name]) violation(`session(${this.partition}).webRequest.${name} set twice: the first listener is lost`);
    this.webRequestListeners[name] = listener;
  }
  setPermissionRequestHandler(handler: Handler): void {
    record(`session(${this.partition}).setPermissionRequestHandler`);
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(): void {
    record(`session(${this.partition}).setPermissionCheckHandler`);
  }
  setDevicePermissionHandler(): void {
    record(`session(${this.partition}).setDevicePermissionHandler`);
  }
  setDisplayMediaRequestHandler(handler: Handler): void {
    record(`session(${this.partition}).setDisplayMediaRequestHandler`);
    this.displayMediaRequestHandler = handler;
  }
  /** A page calls getDisplayMedia({ video: true }); answered as Electron's DisplayMediaDeviceChosen does. */
  requestDisplayMedia(): 'denied' | 'granted' {
    let answer: 'denied' | 'granted' | null = null;
    this.displayMediaRequestHandler?.({ videoRequested: true, audioRequested: false }, (streams: unknown) => {
      if (streams === null || streams === undefined) answer = 'denied';
      else if (typeof streams !== 'object') violation('Display Media Request streams callback must be called with null or a valid object');
      else if (!('video' in streams)) violation('Video was requested, but no video stream was provided');
      else answer = 'granted';
    });
    if (answer === null) violation('The display media request was never answered');
    return answer;
  }
  async clearStorageData(): Promise<void> {
    record(`session(${this.partition}).clearStorageData`);
  }
  async clearAuthCache(): Promise<void> {
    record(`session(${this.partition}).clearAuthCache`);
  }
  async clearCache(): Promise<void> {
    record(`session(${this.partition}).clearCache`);
  }
}

const sessions = new Map<string, StubSession>();
export const session = {
  get defaultSession(): StubSession {
    requireReady('session.defaultSession');
    return session.fromPartition('');
  },
  fromPartition(partition: string): StubSession {
    requireReady(`session.fromPartition('${partition}')`);
    if (!sessions.has(partition)) sessions.set(partition, new StubSession(partition || '(default)'));
    return sessions.get(partition)!;
  },
};

let nextId = 1;
export class StubWebContents extends EventEmitter {
  readonly id = nextId++;
  url = '';
  windowOpenHandler: Handler | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  constructor(readonly session: StubSession) {
    super();
  }
  get mainFrame() {
    let origin = 'null';
    try {
      const parsed = new URL(this.url);
      origin = `${parsed.protocol}//${parsed.host}`;
    } catch {
      // not loaded yet
    }
    return { url: this.url, origin, processId: 1, routingId: this.id, parent: null };
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    mustCrossProcesses(`webContents.send('${channel}')`, args);
    this.sent.push({ channel, payload: args[0] });
  }
  isDestroyed(): boolean {
    return false;
  }
  /** A renderer-initiated navigation (Electron's event carries the URL): true when the app let it proceed. */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { url, isMainFrame: true, preventDefault: () => { prevented = true; } }, url, false, true);
    return !prevented;
  }
}

export class StubBrowserWindow extends EventEmitter {
  static all: StubBrowserWindow[] = [];
  static created: StubBrowserWindow[] = [];
  readonly id = nextId++;
  readonly webContents: StubWebContents;
  readonly loaded: string[] = [];
  destroyed = false;
  constructor(readonly options: { webPreferences?: { preload?: string; session?: StubSession; sandbox?: boolean; contextIsolation?: boolean } } & Record<string, unknown>) {
    super();
    record('new BrowserWindow', options);
    requireReady('new BrowserWindow()');
    const preload = options.webPreferences?.preload;
    if (preload !== undefined && !isAbsolute(preload)) violation(`The preload path must be absolute: ${preload}`);
    if (preload !== undefined && !existsSync(preload)) violation(`The preload script does not exist: ${preload}`);
    this.webContents = new StubWebContents(options.webPreferences?.session ?? session.defaultSession);
    StubBrowserWindow.all.push(this);
    StubBrowserWindow.created.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): StubBrowserWindow[] {
    return [...StubBrowserWindow.all];
  }
  async loadURL(url: string): Promise<void> {
    record('BrowserWindow.loadURL', url);
    this.loaded.push(url);
    this.webContents.url = url;
    await protocol.serve(url);
    this.webContents.emit('did-navigate', {}, url, 200, 'OK');
    this.emit('ready-to-show');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    StubBrowserWindow.all = StubBrowserWindow.all.filter((window) => window !== this);
    this.emit('closed');
  }
  close(): void {
    this.destroy();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  setTitle(): void {}
  getBounds() {
    return { x: 0, y: 0, width: 1280, height: 860 };
  }
}
export { StubBrowserWindow as BrowserWindow };

export const protocol = {
  privileged: null as unknown[] | null,
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    record('protocol.registerSchemesAsPrivileged', schemes);
    requireNotReady('protocol.registerSchemesAsPrivileged');
    // "can be called only once": a second call replaces the first list.
    if (protocol.privileged) violation('protocol.registerSchemesAsPrivileged called twice');
    protocol.privileged = schemes;
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    record('protocol.handle', scheme);
    requireReady(`protocol.handle('${scheme}')`);
    if (protocol.handlers.has(scheme)) violation(`Failed to register protocol: ${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
  /** Answers a load of a handled scheme through the app's handler, as the network service would. */
  async serve(url: string): Promise<void> {
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = protocol.handlers.get(scheme);
    if (!handler) return;
    const response = await handler(new Request(url));
    protocol.served.push({ url, status: response.status, contentType: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), body: await response.text() });
  },
  served: [] as { url: string; status: number; contentType: string | null; csp: string | null; body: string }[],
};

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    if (ipcMain.handlers.has(channel)) violation(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
  /** A renderer's ipcRenderer.invoke: the input and the answer both cross processes. */
  async invoke(sender: StubWebContents, channel: string, input: unknown): Promise<unknown> {
    mustCrossProcesses(`ipcRenderer.invoke('${channel}') input`, input);
    const handler = ipcMain.handlers.get(channel);
    if (!handler) return violation(`No handler registered for '${channel}'`);
    const answer = await handler({ sender, senderFrame: sender.mainFrame }, input);
    mustCrossProcesses(`the answer to '${channel}'`, answer);
    return answer;
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    record('shell.openExternal', url);
  },
};

export const Menu = {
  current: null as unknown,
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    record('Menu.setApplicationMenu');
    Menu.current = menu?.template ?? null;
  },
};

/** Native message boxes: recorded, answered with the cancel button (the safe choice). */
export const dialog = {
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    record('dialog.showMessageBox', ...args);
    requireReady('dialog.showMessageBox');
    const options = (args.length > 1 ? args[1] : args[0]) as { cancelId?: number };
    return { response: options.cancelId ?? 0, checkboxChecked: false };
  },
  showMessageBoxSync(...args: unknown[]): number {
    record('dialog.showMessageBoxSync', ...args);
    requireReady('dialog.showMessageBoxSync');
    const options = (args.length > 1 ? args[1] : args[0]) as { cancelId?: number };
    return options.cancelId ?? 0;
  },
};
