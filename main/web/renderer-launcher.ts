// How browser mode "opens" the authorization URL: it does not. Only the page can open a tab in the
// user's browser, so the engine marks the flow `openedBy: 'renderer'` and the page opens
// `authorizationUrl` itself; the IdP's redirect then comes back through the engine's loopback listener.
import type { AuthorizationLauncher, LaunchRequest } from '../flow/flow-engine';

export const rendererOpensTabLauncher: AuthorizationLauncher = {
  openedBy: 'renderer',
  async open(request: LaunchRequest): Promise<void> {
    // Refuse what a browser tab cannot do; the engine fails the flow as `launch_failed` with this text.
    if (request.mode !== 'browser-loopback') throw new Error(`Browser mode can only use "Authorize using browser" with a loopback callback; "${request.mode}" needs the desktop app.`);
  },
  close(): void {
    // A tab the page opened is the user's to close: the IdP's page stays as a record of what happened.
  },
};
