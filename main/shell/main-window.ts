// The app's one window: the renderer with the contract's preload, hardened like every window.
import { BrowserWindow } from 'electron';
import { APP_NAME } from '../../shared/app-identity';
import type { RendererEntry } from './app-origin';
import { secureWebPreferences } from './security/web-preferences';

/** `packaged`: no DevTools (the menu has no entry either). */
export function createMainWindow(entry: RendererEntry, preloadPath: string, onLoadFailed: (err: unknown) => void, packaged = false): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 880,
    minHeight: 560,
    title: APP_NAME,
    show: false,
    webPreferences: secureWebPreferences({ preload: preloadPath, ...(packaged ? { devTools: false as const } : {}) }),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(entry.url).catch(onLoadFailed);
  return window;
}

/** Bring the window to the front (after a deep link, or a second launch). */
export function revealWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
