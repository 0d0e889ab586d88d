// The stub's own rules bite: each thing Electron refuses is refused (and kept as a violation, in
// case the app swallows the throw), so the start-up test cannot pass by being lenient.
import { describe, expect, it } from 'vitest';
import { app, BrowserWindow, ipcMain, protocol, session, stub } from './electron-stub';

describe('the electron stub', () => {
  it('refuses before ready what needs the app ready, and after ready what must come before', () => {
    expect(() => new BrowserWindow({})).toThrow(/before the app is ready/);
    expect(() => session.defaultSession).toThrow(/before the app is ready/);
    expect(() => session.fromPartition('persist:x')).toThrow(/before the app is ready/);
    expect(() => protocol.handle('app', () => new Response(''))).toThrow(/before the app is ready/);
    app.setPath('userData', '/tmp/pkce-stub-check');
    expect(() => app.setPath('userData', 'relative/folder')).toThrow(/absolute/);

    app.fireReady();
    expect(() => app.enableSandbox()).toThrow(/before the app is ready/);
    expect(() => protocol.registerSchemesAsPrivileged([])).toThrow(/before the app is ready/);
    expect(() => app.setPath('userData', '/tmp/elsewhere')).toThrow(/before the app is ready/);
    expect(() => new BrowserWindow({ webPreferences: { preload: 'out/preload/index.cjs' } })).toThrow(/absolute/);
    expect(() => new BrowserWindow({ webPreferences: { preload: '/nonexistent/preload.cjs' } })).toThrow(/does not exist/);
    expect(stub.violations).toHaveLength(10);
  });

  it('refuses a second handler on a channel and a payload that cannot cross processes', async () => {
    ipcMain.handle('c', () => ({ answer: () => 'a function' }));
    expect(() => ipcMain.handle('c', () => 1)).toThrow(/second handler/);
    const window = new BrowserWindow({});
    await expect(ipcMain.invoke(window.webContents, 'c', {})).rejects.toThrow(/cannot cross processes/);
    expect(() => window.webContents.send('event', { when: Symbol('x') })).toThrow(/cannot cross processes/);
    expect(() => session.defaultSession.webRequest.onBeforeRequest(() => undefined)).not.toThrow();
    expect(() => session.defaultSession.webRequest.onBeforeRequest(() => undefined)).toThrow(/set twice/);
  });

  it('answers a screen-capture request as Electron does: null denies, an empty grant is a TypeError', () => {
    const media = session.fromPartition('media-check');
    media.setDisplayMediaRequestHandler((_request: unknown, callback: unknown) => (callback as (streams: unknown) => void)(null));
    expect(media.requestDisplayMedia()).toBe('denied');
    media.setDisplayMediaRequestHandler((_request: unknown, callback: unknown) => (callback as (streams: unknown) => void)({}));
    expect(() => media.requestDisplayMedia()).toThrow(/no video stream/);
  });
});
