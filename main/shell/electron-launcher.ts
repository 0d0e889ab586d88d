// How the Electron app opens an authorization URL: the system browser for the two browser modes
// (RFC 8252's recommendation), or the embedded window. Closing is only meaningful for the window.
// Sign-out in embedded mode gets its own kind of window, which stops at the IdP's return.
import { shell } from 'electron';
import type { AuthorizationLauncher, LaunchRequest } from '../flow/flow-engine';
import type { SignOutWindowHooks, SignOutWindowLauncher, SignOutWindowRequest } from '../token-actions/sign-out';
import type { AuthWindows } from './auth-window';
import { safeExternalHref } from './security/external-url';

export class ElectronLauncher implements AuthorizationLauncher, SignOutWindowLauncher {
  readonly openedBy = 'app' as const;

  constructor(private readonly authWindows: AuthWindows) {}

  async open(request: LaunchRequest): Promise<void> {
    if (request.mode === 'embedded') {
      await this.authWindows.open({ flowId: request.flowId, url: request.url, redirectUri: request.redirectUri, keepCookies: request.keepCookies });
      return;
    }
    // The authorization URL comes from the form: never let it name a local program or file.
    const href = safeExternalHref(request.url);
    if (href === null) throw new Error('only http and https authorization URLs are opened in the browser');
    // A refusal by the OS (no browser registered) rejects here and fails the launch with its reason.
    await shell.openExternal(href);
  }

  async openSignOut(request: SignOutWindowRequest, hooks: SignOutWindowHooks): Promise<void> {
    await this.authWindows.open({ flowId: request.id, url: request.url, redirectUri: request.callbackUrl, keepCookies: request.keepCookies, signOut: hooks });
  }

  close(flowId: string): void {
    this.authWindows.close(flowId);
  }
}
