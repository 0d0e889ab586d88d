// What the app window may load: its own origin (the app protocol, or the dev server in dev) and
// inline data (images). No remote content: a request anywhere else is cancelled.
import { originOf } from '../app-origin';

const ALWAYS_ALLOWED_SCHEMES = new Set(['data:', 'devtools:', 'chrome-extension:']);

export function isAppResource(raw: string, appOrigin: string, devServerWebsocketOrigin?: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    return false;
  }
  if (ALWAYS_ALLOWED_SCHEMES.has(protocol)) return true;
  const origin = originOf(raw);
  if (origin === null) return false;
  return origin === appOrigin.toLowerCase() || (devServerWebsocketOrigin !== undefined && origin === devServerWebsocketOrigin.toLowerCase());
}

/** `ws://host:port` for the dev server's HMR socket. */
export function websocketOriginOf(devOrigin: string): string {
  const url = new URL(devOrigin);
  return `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
}
