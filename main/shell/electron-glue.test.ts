// The thin Electron glue, against a fake Electron: IPC registration and the launcher.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ipcChannel, type ApiHandlers } from '../../shared/contract';
import { FakeBrowserWindow, fakeIpcMain, fakeShell, resetFakes } from './test-support/fake-electron';

vi.mock('electron', async () => (await import('./test-support/fake-electron')).electronFake);

const { registerIpc, sendToRenderer } = await import('./ipc');
const { ElectronLauncher } = await import('./electron-launcher');
const { AuthWindows } = await import('./auth-window');

beforeEach(() => resetFakes());

const handlers = Object.fromEntries(METHOD_NAMES.map((m) => [m, async () => ({ handled: m })])) as unknown as ApiHandlers;

describe('registerIpc', () => {
  function setup() {
    const window = new FakeBrowserWindow({});
    const logs: string[] = [];
    let trustedCalls = 0;
    const unregister = registerIpc({ handlers, getMainWindow: () => window as never, appOrigin: 'app://pkce-inspector', log: (m) => logs.push(m), onTrustedCall: () => trustedCalls++ });
    const invoke = (channel: string, event: unknown, input: unknown) => fakeIpcMain.handlers.get(channel)!(event, input);
    return { window, logs, unregister, invoke, trustedCalls: () => trustedCalls };
  }

  it('registers exactly one handler per contract method and removes them all', () => {
    const { unregister } = setup();
    expect([...fakeIpcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => ipcChannel(m)).sort());
    unregister();
    expect(fakeIpcMain.handlers.size).toBe(0);
  });

  it('answers the main window top frame and reports the page as listening', async () => {
    const { window, invoke, trustedCalls } = setup();
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await invoke(ipcChannel('cancelFlow'), event, { flowId: 'f1' })).toEqual({ ok: true, value: { handled: 'cancelFlow' } });
    expect(trustedCalls()).toBe(1);
  });

  it('refuses another webContents, a destroyed frame and a navigated frame, and logs it', async () => {
    const { window, invoke, logs, trustedCalls } = setup();
    const other = new FakeBrowserWindow({});
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    expect(await invoke(ipcChannel('listFlows'), { sender: other.webContents, senderFrame: other.webContents.mainFrame }, {})).toMatchObject(forbidden);
    expect(await invoke(ipcChannel('listFlows'), { sender: window.webContents, senderFrame: null }, {})).toMatchObject(forbidden);
    const navigated = { ...window.webContents.mainFrame, url: 'https://evil.example/' };
    expect(await invoke(ipcChannel('listFlows'), { sender: window.webContents, senderFrame: navigated }, {})).toMatchObject(forbidden);
    expect(logs).toHaveLength(3);
    expect(trustedCalls()).toBe(0);
  });

  it('turns a bad payload into invalid_input', async () => {
    const { window, invoke } = setup();
    const result = await invoke(ipcChannel('getProfile'), { sender: window.webContents, senderFrame: window.webContents.mainFrame }, { id: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('sends events to the main window only while it exists', () => {
    const window = new FakeBrowserWindow({});
    sendToRenderer(() => window as never, { event: 'notice', payload: { level: 'info', message: 'hi', at: 'now' } });
    expect(window.webContents.sent).toEqual([{ channel: ipcChannel('notice'), payload: { level: 'info', message: 'hi', at: 'now' } }]);
    window.destroy();
    sendToRenderer(() => window as never, { event: 'notice', payload: { level: 'info', message: 'lost', at: 'now' } });
    expect(window.webContents.sent).toHaveLength(1);
  });
});

describe('ElectronLauncher', () => {
  const request = { flowId: 'f1', url: 'https://idp.example.com/authorize?x=1', redirectUri: 'http://127.0.0.1:5000/callback', keepCookies: false };

  it('opens the browser modes in the system browser', async () => {
    const launcher = new ElectronLauncher(new AuthWindows({ onCallback: async () => ({ accepted: true }), onClosedByUser: () => {} }));
    expect(launcher.openedBy).toBe('app');
    await launcher.open({ ...request, mode: 'browser-loopback' });
    await launcher.open({ ...request, mode: 'browser-scheme' });
    expect(fakeShell.opened).toEqual([request.url, request.url]);
    expect(FakeBrowserWindow.instances).toEqual([]);
  });

  it('hands the OS the normalised URL, and fails the launch when the OS refuses', async () => {
    const launcher = new ElectronLauncher(new AuthWindows({ onCallback: async () => ({ accepted: true }), onClosedByUser: () => {} }));
    await launcher.open({ ...request, url: 'https://IdP.example.com/authorize?x=a b', mode: 'browser-loopback' });
    expect(fakeShell.opened).toEqual(['https://idp.example.com/authorize?x=a%20b']);
    fakeShell.failWith = new Error('No application is registered for this URL');
    await expect(launcher.open({ ...request, mode: 'browser-loopback' })).rejects.toThrow('No application');
  });

  it('never hands a non-http URL to the OS', async () => {
    const launcher = new ElectronLauncher(new AuthWindows({ onCallback: async () => ({ accepted: true }), onClosedByUser: () => {} }));
    await expect(launcher.open({ ...request, url: 'file:///C:/Windows/System32/calc.exe', mode: 'browser-loopback' })).rejects.toThrow(/http/);
    expect(fakeShell.opened).toEqual([]);
  });

  it('opens the embedded mode in the sign-in window and closes it when the flow ends', async () => {
    const launcher = new ElectronLauncher(new AuthWindows({ onCallback: async () => ({ accepted: true }), onClosedByUser: () => {} }));
    await launcher.open({ ...request, mode: 'embedded' });
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.loaded).toEqual([request.url]);
    expect(fakeShell.opened).toEqual([]);
    launcher.close('f1');
    expect(window.isDestroyed()).toBe(true);
  });
});
