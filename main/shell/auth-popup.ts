// The popups of the embedded sign-in window (social login, "forgot password", MFA helpers), which
// pages open with window.open and script through `window.opener`. Electron parses the page's
// window features into window options and lets the handler's options override them key by key,
// so every feature that could hide, disguise or pin a popup is set here explicitly: no frameless,
// transparent, see-through, always-on-top, off-taskbar, full-screen, kiosk, unclosable or
// off-screen window; it is a child of the sign-in window, placed over it, titled like it.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { AuthWindowKind } from './auth-navigation';
import { authWindowTitle } from './auth-window-text';
import { isSafeExternalUrl } from './security/external-url';
import { secureWebPreferences } from './security/web-preferences';

const POPUP_WIDTH = 520;
const POPUP_HEIGHT = 680;

/** http(s) pages, and `about:blank`, which pages open first and then fill or navigate. */
export function isAllowedPopupUrl(url: string): boolean {
  if (isSafeExternalUrl(url)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'about:' && parsed.pathname === 'blank';
  } catch {
    return false;
  }
}

export function signInPopupOptions(signInWindow: BrowserWindow, url: string, kind: AuthWindowKind = 'sign-in', devTools = true): BrowserWindowConstructorOptions {
  const parent = signInWindow.getBounds();
  return {
    parent: signInWindow,
    modal: false,
    show: true,
    width: POPUP_WIDTH,
    height: POPUP_HEIGHT,
    x: Math.round(parent.x + (parent.width - POPUP_WIDTH) / 2),
    y: Math.round(parent.y + Math.max(0, (parent.height - POPUP_HEIGHT) / 2)),
    frame: true,
    titleBarStyle: 'default',
    transparent: false,
    opacity: 1,
    alwaysOnTop: false,
    skipTaskbar: false,
    fullscreen: false,
    simpleFullscreen: false,
    kiosk: false,
    closable: true,
    minimizable: true,
    movable: true,
    resizable: true,
    focusable: true,
    autoHideMenuBar: true,
    title: authWindowTitle(url, kind),
    webPreferences: secureWebPreferences(devTools ? {} : { devTools: false }),
  };
}
