// Which Callback URL fits an authorize mode, and whether switching modes may replace the current one:
// only a value the app itself suggested (another mode's default, or nothing) is replaced; anything the
// user typed stays and the form merely offers the default.
import { DEFAULT_LOOPBACK_CALLBACK, DEFAULT_SCHEME_CALLBACK } from '../../../shared/app-identity';
import type { AuthorizeMode } from '../../../shared/settings';

export function defaultCallbackFor(mode: AuthorizeMode): string {
  // The embedded window intercepts the navigation to any URL, so the loopback default serves it too.
  return mode === 'browser-scheme' ? DEFAULT_SCHEME_CALLBACK : DEFAULT_LOOPBACK_CALLBACK;
}

const APP_DEFAULTS = new Set([DEFAULT_LOOPBACK_CALLBACK, DEFAULT_SCHEME_CALLBACK]);

/** The Callback URL after switching to `mode`. */
export function callbackAfterModeSwitch(current: string, mode: AuthorizeMode): string {
  const trimmed = current.trim();
  return trimmed === '' || APP_DEFAULTS.has(trimmed) ? defaultCallbackFor(mode) : current;
}
