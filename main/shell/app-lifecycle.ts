// The app's life: its data folder, one instance, the custom scheme registered with the OS, and deep
// links from the three places the OS delivers them, all fed into one queue (routed once the core
// is ready).
import { app } from 'electron';
import { join } from 'node:path';
import { APP_NAME, APP_SCHEME } from '../../shared/app-identity';
import { extractDeepLinks, normaliseDeepLink, type DeepLinkQueue } from './deep-links';
import { protocolClientRegistration } from './protocol-client';

/** Where an unpackaged run (`npm start`, `electron-vite preview`) keeps its data, beside the installed app's. */
export const DEV_DATA_FOLDER = `${APP_NAME} (dev)`;
/** Set to 1 to let an unpackaged run register itself as the scheme handler (to try deep links in dev). */
export const DEV_SCHEME_OPT_IN = 'PKCE_INSPECTOR_DEV_SCHEME';

/**
 * Before anything reads `userData`: a development run gets its own folder, so it neither shares
 * profiles with the installed app nor its single-instance lock (which Electron keeps in `userData`;
 * shared, `npm start` would quit silently while the installed app runs).
 */
export function separateDevData(): void {
  if (app.isPackaged) return;
  app.setPath('userData', join(app.getPath('appData'), DEV_DATA_FOLDER));
}

/**
 * A second launch (e.g. Windows/Linux opening a deep link) must hand its argv to the running app
 * and quit: the pending flow's PKCE verifier lives in the first instance's memory.
 */
export function claimSingleInstance(): boolean {
  return app.requestSingleInstanceLock();
}

export type SchemeRegistration = 'registered' | 'already-default' | 'failed' | 'not-in-dev';

/**
 * Makes the app the handler of its scheme, after `ready` and off the start-up path: on Linux both
 * the check and the registration run `xdg-settings` synchronously, and on Windows registering
 * rewrites the registry, so it is only done when the app is not the handler already. A development
 * run leaves the installed app's registration alone unless asked to (DEV_SCHEME_OPT_IN).
 */
export function registerSchemeWithOs(env: NodeJS.ProcessEnv = process.env): SchemeRegistration {
  if (!app.isPackaged && env[DEV_SCHEME_OPT_IN] !== '1') return 'not-in-dev';
  const { scheme, path, args } = protocolClientRegistration(APP_SCHEME, process);
  const isDefault = path !== undefined ? app.isDefaultProtocolClient(scheme, path, args) : app.isDefaultProtocolClient(scheme);
  if (isDefault) return 'already-default';
  const ok = path !== undefined ? app.setAsDefaultProtocolClient(scheme, path, args) : app.setAsDefaultProtocolClient(scheme);
  if (!ok) console.warn(`Could not register ${APP_SCHEME}: as a URL scheme handler; the custom-scheme mode needs an installed build.`);
  return ok ? 'registered' : 'failed';
}

/** What to log about the registration; nothing when the app was the handler already. */
export function describeSchemeRegistration(outcome: SchemeRegistration): string | null {
  switch (outcome) {
    case 'registered':
      return `Registered as the handler of ${APP_SCHEME}: links.`;
    case 'not-in-dev':
      return `Development run: not registered as the handler of ${APP_SCHEME}: links (the installed app keeps them; ${DEV_SCHEME_OPT_IN}=1 registers this run).`;
    default:
      return null; // 'failed' warned already
  }
}

/** Call before `ready`: macOS can deliver `open-url` for the link that launched the app early. */
export function listenForDeepLinks(queue: DeepLinkQueue, reveal: () => void): void {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = normaliseDeepLink(url, APP_SCHEME);
    if (link !== null) queue.push(link);
    reveal();
  });
  app.on('second-instance', (_event, argv) => {
    for (const link of extractDeepLinks(argv, APP_SCHEME)) queue.push(link);
    reveal();
  });
  // Windows/Linux: the link that started this instance.
  for (const link of extractDeepLinks(process.argv, APP_SCHEME)) queue.push(link);
}
