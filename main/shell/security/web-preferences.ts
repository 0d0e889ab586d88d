// The webPreferences every window of the app is created with. Callers may add a preload or a
// session but cannot weaken the baseline: the spread puts the baseline last.
import type { Session, WebPreferences } from 'electron';

export interface WindowExtras {
  /** Absolute path of the preload script (the main window only). */
  preload?: string;
  /** The session to load pages in (each embedded flow gets its own). */
  session?: Session;
  /** false in a packaged app: no DevTools for anyone who gets hold of a window (only ever turned off). */
  devTools?: false;
}

export const SECURE_BASELINE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  navigateOnDragDrop: false,
  spellcheck: false,
  // Middle-click would open links in new windows (Electronegativity's AUXCLICK check).
  disableBlinkFeatures: 'Auxclick',
} as const satisfies WebPreferences;

export function secureWebPreferences(extras: WindowExtras = {}): WebPreferences {
  const preferences: WebPreferences = { ...SECURE_BASELINE };
  if (extras.preload !== undefined) preferences.preload = extras.preload;
  if (extras.session !== undefined) preferences.session = extras.session;
  if (extras.devTools === false) preferences.devTools = false;
  return preferences;
}
