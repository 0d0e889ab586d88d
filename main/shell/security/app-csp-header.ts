// In dev the pages come from the Vite dev server, which sends no CSP: add the dev policy as a
// response header. (In production the app protocol handler sends the strict one itself.)
import type { Session } from 'electron';
import { buildContentSecurityPolicy } from '../../../shared/csp';
import { originOf } from '../app-origin';

export function addDevCspHeader(session: Session, devServerOrigin: string): void {
  const policy = buildContentSecurityPolicy({ devServerOrigin });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (originOf(details.url) !== devServerOrigin.toLowerCase()) return callback({});
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}
