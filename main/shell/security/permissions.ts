// Browser permissions: the app's own page may write to the clipboard (its "Copy" buttons use
// navigator.clipboard.writeText); nothing else is granted to anyone: no camera, microphone,
// notifications, geolocation, clipboard reading, devices or screen capture, and nothing at all to
// a login page inside the embedded window.
import type { Session } from 'electron';
import { originOf } from '../app-origin';

const APP_PAGE_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** `appOrigin` null: a session that serves no app page (the embedded window's). */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, appOrigin: string | null): boolean {
  if (appOrigin === null || !APP_PAGE_PERMISSIONS.has(permission) || requestingUrl === undefined) return false;
  return originOf(requestingUrl) === appOrigin.toLowerCase();
}

// The callback's type, taken from the method itself rather than by an interface name of the typings.
type DisplayMediaCallback = Parameters<Exclude<Parameters<Session['setDisplayMediaRequestHandler']>[0], null>>[1];

/**
 * Refuses a getDisplayMedia request. Electron denies on `null` (the page's promise rejects); an
 * empty object would be read as "video requested but none given" and throw a TypeError in main.
 * Electron's typings only name the granting form, hence the widened callback type.
 */
export function denyDisplayMedia(callback: DisplayMediaCallback): void {
  (callback as unknown as (streams: null) => void)(null);
}

const configured = new WeakSet<Session>();

/** First configuration of a session wins: sessions are set up before their windows exist. */
export function restrictPermissions(session: Session, appOrigin: string | null): void {
  if (configured.has(session)) return;
  configured.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl, appOrigin)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, appOrigin));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => denyDisplayMedia(callback));
}
