// The app window loads nothing from the network: its session cancels any request that is not the
// app's own origin (see app-resources.ts). The embedded windows use their own sessions, so logins
// are unaffected; main's HTTP (token requests) goes through Node, not a session.
import type { Session } from 'electron';
import { isAppResource } from './app-resources';

export function blockRemoteContent(session: Session, appOrigin: string, devServerWebsocketOrigin: string | undefined, onBlocked: (url: string) => void): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppResource(details.url, appOrigin, devServerWebsocketOrigin);
    if (!allowed) onBlocked(details.url);
    callback({ cancel: !allowed });
  });
}
