// For tests: a launcher that plays the user for the probe: signs in at the authorization URL (over
// HTTP, keeping the IdP session in one cookie jar) and lets the browser "land" on the redirect, which
// reaches the flow's loopback listener. A redirect to the IdP's own error page is left where it is.
import { CookieJar } from 'tough-cookie';
import { loginOverHttp } from '../../../demo-idp/http-login';
import type { AuthorizationLauncher, LaunchRequest } from '../../flow/flow-engine';

export class AutoSignInLauncher implements AuthorizationLauncher {
  readonly openedBy = 'app' as const;
  readonly opened: LaunchRequest[] = [];
  private readonly jar = new CookieJar();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly user: { login: string; password: string; issuer: string }) {}

  async open(request: LaunchRequest): Promise<void> {
    this.opened.push(request);
    const walk = loginOverHttp(request.url, { ...this.user, cookieJar: this.jar, isFinalRedirect: (u) => !u.startsWith(`${this.user.issuer}/`) })
      .then(async (redirect) => {
        if (redirect.startsWith(request.redirectUri)) await fetch(redirect).then((r) => r.text());
      })
      .catch(() => undefined);
    this.pending.add(walk);
    void walk.finally(() => this.pending.delete(walk));
  }

  close(): void {}

  async idle(): Promise<void> {
    await Promise.all(this.pending);
  }
}
