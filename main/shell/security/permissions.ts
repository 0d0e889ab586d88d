// The app needs no browser permission (camera, notifications, geolocation, clipboard-read, ...),
// and neither does a login page inside the embedded window: every request and check is denied.
import type { Session } from 'electron';

const configured = new WeakSet<Session>();

export function denyAllPermissions(session: Session): void {
  if (configured.has(session)) return;
  configured.add(session);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}
