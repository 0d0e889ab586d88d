// The browser both clients share: a fresh cookie jar per flow (a full sign-in each time, no single
// sign-on), the demo IdP's login and consent pages walked over HTTP (demo-idp/http-login.ts), then
// the IdP's redirect requested from the client's loopback listener, as the browser would.
import { CookieJar } from 'tough-cookie';
import { loginOverHttp } from '../../demo-idp/http-login';
import type { DemoIdp } from '../../demo-idp/provider';

export interface BrowserVisit {
  /** performance.now() as the redirect was sent to the loopback listener. */
  redirectSentAt: number;
}

export async function signInAndFollowRedirect(idp: DemoIdp, authorizationUrl: string): Promise<BrowserVisit> {
  const redirect = await loginOverHttp(authorizationUrl, {
    login: idp.user.login,
    password: idp.user.password,
    cookieJar: new CookieJar(),
    isFinalRedirect: (url) => !url.startsWith(idp.issuer),
  });
  const redirectSentAt = performance.now();
  const response = await fetch(redirect);
  await response.text();
  if (!response.ok) throw new Error(`The loopback listener answered the redirect with HTTP ${response.status}.`);
  return { redirectSentAt };
}

/** When the IdP received the token request that followed the redirect, relative to it (ms). */
export function tokenRequestDelay(idp: DemoIdp, requestsBefore: number, visit: BrowserVisit): number {
  const request = idp.tokenRequests[requestsBefore];
  if (!request || idp.tokenRequests.length !== requestsBefore + 1) throw new Error(`Expected one token request after the redirect, the IdP saw ${idp.tokenRequests.length - requestsBefore}.`);
  return request.receivedAt - visit.redirectSentAt;
}
