// What the embedded authorization window may load. The callback target must never be reached:
// whatever the Callback URL is (`https://localhost`, the custom scheme, a loopback port, even a
// page on the IdP's own host such as Azure's `nativeclient`), a request to it is cancelled, and
// only the final callback (exact target, carrying `code` or `error`) is handed to the flow engine.
// A sign-out window (RP-Initiated Logout) ends on any arrival at the exact target instead: the IdP's
// return carries only `state` (or, from a non-conforming IdP, nothing), which sign-out.ts judges.
// Pure, so the rules are unit-tested without Electron.
import { isFinalCallback, sameCallbackTarget } from '../../shared/redirect';

export type AuthNavigationDecision =
  /** A web page of the login: let it load. */
  | 'allow'
  /** Never load it: a callback hop without a result, or a scheme that would leave the window. */
  | 'block'
  /** The final callback: cancel the request and give the URL to the flow engine. */
  | 'route';

// Schemes a login page legitimately uses. Anything else (file:, chrome:, another app's scheme, our
// own scheme when it is not the callback) is refused, so the window can never launch an OS handler.
const WEB_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'data:', 'blob:', 'about:']);

export type AuthWindowKind = 'sign-in' | 'sign-out';

export function decideAuthNavigation(url: string, redirectUri: string, kind: AuthWindowKind = 'sign-in'): AuthNavigationDecision {
  if (sameCallbackTarget(url, redirectUri)) return kind === 'sign-out' || isFinalCallback(url, redirectUri) ? 'route' : 'block';
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return 'block';
  }
  return WEB_SCHEMES.has(protocol) ? 'allow' : 'block';
}
