// No page of the app opens windows. A link meant for a new window goes to the system browser, after
// the scheme check. The embedded authorization window replaces this handler with its own policy.
import type { WebContents } from 'electron';
import { safeExternalHref } from './external-url';

export function denyNewWindows(contents: WebContents, openExternal: (href: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    const href = safeExternalHref(url);
    if (href !== null) openExternal(href);
    return { action: 'deny' };
  });
}
