// The app window never navigates away from the app (a navigated window would keep the preload's
// bridge; the IPC sender check is the second line). It may reload its own page: a reload of the
// current URL (Vite's full reload in dev, `location.reload()`) arrives as `will-navigate` too, and
// refusing it would leave a stale page. Only the embedded authorization windows navigate
// elsewhere, and they guard every navigation themselves (see auth-window.ts).
import type { WebContents } from 'electron';
import { isAuthWindowContents } from '../contents-roles';

/** The same document address (the fragment aside): a reload, not a navigation away. */
export function isReloadOf(target: string, current: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(current);
    a.hash = '';
    b.hash = '';
    return current !== '' && a.href === b.href;
  } catch {
    return false;
  }
}

export function blockNavigation(contents: WebContents, onBlocked: (url: string) => void): void {
  const refuse = (event: { preventDefault(): void }, url: string) => {
    if (isAuthWindowContents(contents)) return;
    event.preventDefault();
    onBlocked(url);
  };
  contents.on('will-navigate', (event) => {
    if (!isReloadOf(event.url, contents.getURL())) refuse(event, event.url);
  });
  // A redirect is never a reload: the app's pages are served without any.
  contents.on('will-redirect', (event) => refuse(event, event.url));
}
