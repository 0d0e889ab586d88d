// Which webContents belong to an embedded authorization window (the only ones allowed to navigate).
// Registered by auth-window.ts right after creation; a WeakSet forgets destroyed contents.
import type { WebContents } from 'electron';

const authWindowContents = new WeakSet<WebContents>();

export function markAsAuthWindow(contents: WebContents): void {
  authWindowContents.add(contents);
}

export function isAuthWindowContents(contents: WebContents): boolean {
  return authWindowContents.has(contents);
}
