// The app's life: one instance, the custom scheme registered with the OS, and deep links from the
// three places the OS delivers them, all fed into one queue (routed once the core is ready).
import { app } from 'electron';
import { APP_SCHEME } from '../../shared/app-identity';
import { extractDeepLinks, normaliseDeepLink, type DeepLinkQueue } from './deep-links';
import { protocolClientRegistration } from './protocol-client';

/**
 * A second launch (e.g. Windows/Linux opening a deep link) must hand its argv to the running app
 * and quit: the pending flow's PKCE verifier lives in the first instance's memory.
 */
export function claimSingleInstance(): boolean {
  return app.requestSingleInstanceLock();
}

export function registerSchemeWithOs(): void {
  const registration = protocolClientRegistration(APP_SCHEME, process);
  const ok = registration.path !== undefined ? app.setAsDefaultProtocolClient(registration.scheme, registration.path, registration.args) : app.setAsDefaultProtocolClient(registration.scheme);
  if (!ok) console.warn(`Could not register ${APP_SCHEME}: as a URL scheme handler; the custom-scheme mode needs an installed build.`);
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
