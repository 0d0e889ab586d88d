// Composition root of the Electron app: security rules first, then one instance, the custom scheme,
// deep links, the renderer (app:// in production, the Vite dev server in dev), the core services
// and the IPC bridge. Everything with logic lives in main/shell (tested) or main/api, main/flow.
import { app, session, shell, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_AUTHORIZE_MODES } from '../shared/contract';
import { createAppCore } from './api/create-app-core';
import type { FlowEngine } from './flow/flow-engine';
import { rendererEntry } from './shell/app-origin';
import { claimSingleInstance, describeSchemeRegistration, listenForDeepLinks, registerSchemeWithOs, separateDevData } from './shell/app-lifecycle';
import { installAppMenu } from './shell/app-menu';
import { registerAppSchemePrivileges, serveRenderer } from './shell/app-protocol';
import { AuthWindows } from './shell/auth-window';
import { deepLinkNotice } from './shell/deep-link-notice';
import { DeepLinkQueue } from './shell/deep-links';
import { EventGate, closeOnNewDocument } from './shell/event-gate';
import { ElectronLauncher } from './shell/electron-launcher';
import { registerIpc, sendToRenderer, type OutgoingEvent } from './shell/ipc';
import { urlForLog } from './shell/log-safe-url';
import { createMainWindow, revealWindow } from './shell/main-window';
import { askBeforeUnload, confirmEndpointChangeWith } from './shell/native-dialogs';
import { addDevCspHeader } from './shell/security/app-csp-header';
import { websocketOriginOf } from './shell/security/app-resources';
import { applySecurityRules } from './shell/security/index';
import { restrictPermissions } from './shell/security/permissions';
import { blockRemoteContent } from './shell/security/remote-content';

const here = dirname(fileURLToPath(import.meta.url));
const log = (message: string) => console.warn(`[pkce-inspector] ${message}`);

// Before `ready`: the privileged app:// scheme, the sandbox for every renderer, and a development
// run's own data folder (before the single-instance lock, which lives there).
registerAppSchemePrivileges();
app.enableSandbox();
separateDevData();

if (!claimSingleInstance()) {
  app.quit();
} else {
  run();
}

function run(): void {
  // The dev server URL is honoured only in an unpackaged app: a packaged one must never load pages
  // from wherever an environment variable points.
  const entry = rendererEntry(app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']);
  let mainWindow: BrowserWindow | null = null;
  const getMainWindow = () => mainWindow;
  const deepLinks = new DeepLinkQueue();

  app.on('web-contents-created', (_event, contents) => {
    applySecurityRules(contents, {
      // Already checked and normalised (window-open.ts); the OS may still refuse (no browser).
      openExternal: (href) => {
        shell.openExternal(href).catch((err: unknown) => log(`Could not open ${urlForLog(href)} in the browser: ${String(err)}`));
      },
      onBlockedNavigation: (url) => log(`Blocked navigation to ${urlForLog(url)}`),
    });
  });
  listenForDeepLinks(deepLinks, () => revealWindow(mainWindow));

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      app.exit(1);
    });

  async function start(): Promise<void> {
    installAppMenu(app.isPackaged);
    const appSession = session.defaultSession;
    restrictPermissions(appSession, entry.origin);
    blockRemoteContent(appSession, entry.origin, entry.dev ? websocketOriginOf(entry.origin) : undefined, (url) => log(`Blocked a remote request from the app window: ${urlForLog(url)}`));
    if (entry.dev) addDevCspHeader(appSession, entry.origin);
    else await serveRenderer(join(here, '../renderer'));

    // The core is created below; the window hooks only run once a flow exists.
    let engine: FlowEngine | null = null;
    const authWindows = new AuthWindows({
      onCallback: async (_flowId, url) => {
        if (!engine) return { accepted: false, reason: 'The app is not ready yet.' };
        const outcome = await engine.handleRedirect(url, 'embedded');
        return outcome.accepted ? { accepted: true } : outcome;
      },
      onClosedByUser: (flowId) => engine?.authWindowClosed(flowId),
      onBlocked: (_flowId, url) => log(`Sign-in window: blocked ${urlForLog(url)}`),
      devTools: !app.isPackaged,
    });
    const core = createAppCore({
      dataDir: app.getPath('userData'),
      launcher: new ElectronLauncher(authWindows),
      runtime: 'electron',
      version: app.getVersion(),
      authorizeModes: ALL_AUTHORIZE_MODES,
      clearCookies: () => authWindows.clearPersistentCookies(),
      confirmEndpointChange: confirmEndpointChangeWith(getMainWindow),
    });
    engine = core.engine;

    // Events wait until the page has subscribed (its first API call), and again after a reload.
    const events = new EventGate<OutgoingEvent>((item) => sendToRenderer(getMainWindow, item));
    mainWindow = createMainWindow(entry, join(here, '../preload/index.cjs'), (err) => log(`The app page failed to load: ${String(err)}`), app.isPackaged);
    closeOnNewDocument(mainWindow.webContents, events);
    askBeforeUnload(mainWindow, mainWindow.webContents);
    // Once the page shows: registering may run `xdg-settings` synchronously (Linux).
    mainWindow.once('ready-to-show', () => {
      setImmediate(() => {
        const message = describeSchemeRegistration(registerSchemeWithOs());
        if (message !== null) log(message);
      });
    });
    // One window: closing it ends the app (and any sign-in window with it).
    mainWindow.on('closed', () => {
      mainWindow = null;
      app.quit();
    });
    const unregisterIpc = registerIpc({ handlers: core.handlers, getMainWindow, appOrigin: entry.origin, log, onTrustedCall: () => events.open() });
    const unsubscribe = core.subscribe((event, payload) => events.send({ event, payload } as OutgoingEvent));

    deepLinks.attach((url) => {
      revealWindow(mainWindow);
      void core.engine.handleRedirect(url, 'deep-link').then((outcome) => {
        const notice = deepLinkNotice(url, outcome, new Date());
        if (notice) events.send({ event: 'notice', payload: notice });
      }, (err: unknown) => log(`Deep link handling failed: ${String(err)}`));
    });

    // Quitting closes every window: the sign-in windows go first, as the app's doing, so their flows
    // are not reported as cancelled by the user.
    app.on('before-quit', () => authWindows.closeAll());
    let disposed = false;
    app.on('will-quit', (event) => {
      if (disposed) return;
      event.preventDefault();
      disposed = true;
      authWindows.closeAll();
      unsubscribe();
      unregisterIpc();
      void core
        .dispose()
        .catch((err: unknown) => log(`Shut-down: ${String(err)}`))
        .finally(() => app.quit());
    });
  }
}
