// How the Electron app opens an authorization URL: the system browser for the two browser modes
// (RFC 8252's recommendation), or the embedded window. Closing is only meaningful for the window.
import { shell } from 'electron';
import type { AuthorizationLauncher, LaunchRequest } from '../flow/flow-engine';
import type { AuthWindows } from './auth-window';
import { safeExternalHref } from './security/external-url';

export class ElectronLauncher implements AuthorizationLauncher {
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

  close(flowId: string): void {
    this.authWindows.close(flowId);
  }
}
