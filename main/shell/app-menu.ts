// The application menu: Electron's default one carries View > Toggle Developer Tools (and its
// shortcut), which a packaged build must not offer: a pasted DevTools snippet in the app window
// would run with the API bridge. Development runs keep it. The Edit menu stays everywhere (on
// macOS, copy and paste shortcuts only work through it).
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function appMenuTemplate(platform: NodeJS.Platform, packaged: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    ...(packaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [platform === 'darwin' ? { role: 'appMenu' } : { role: 'fileMenu' }, { role: 'editMenu' }, { label: 'View', submenu: view }, { role: 'windowMenu' }];
}

/** After `ready`. */
export function installAppMenu(packaged: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, packaged)));
}
