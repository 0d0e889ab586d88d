// The app window never navigates away from the app (a navigated window would keep the preload's
// bridge; the IPC sender check is the second line). Only the embedded authorization windows
// navigate, and they guard every navigation themselves (see auth-window.ts).
import type { WebContents } from 'electron';
import { isAuthWindowContents } from '../contents-roles';

export function blockNavigation(contents: WebContents, onBlocked: (url: string) => void): void {
  const refuse = (event: { preventDefault(): void }, url: string) => {
    if (isAuthWindowContents(contents)) return;
    event.preventDefault();
    onBlocked(url);
  };
  contents.on('will-navigate', (event) => refuse(event, event.url));
  contents.on('will-redirect', (event) => refuse(event, event.url));
}
