// No page of the app opens windows. A link meant for a new window goes to the system browser, after
// the scheme check. The embedded authorization window replaces this handler with its own policy.
import type { WebContents } from 'electron';
import { isSafeExternalUrl } from './external-url';

export function denyNewWindows(contents: WebContents, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
