// The security rules applied to every webContents the app creates (`web-contents-created`), one
// rule per module. The checklist: https://www.electronjs.org/docs/latest/tutorial/security
import type { WebContents } from 'electron';
import { blockNavigation } from './navigation';
import { restrictPermissions } from './permissions';
import { denyWebviews } from './webviews';
import { denyNewWindows } from './window-open';

export interface SecurityHooks {
  /** Called with the normalised href of an http(s) URL that passed the check. */
  openExternal(href: string): void;
  onBlockedNavigation(url: string): void;
}

export function applySecurityRules(contents: WebContents, hooks: SecurityHooks): void {
  denyWebviews(contents);
  denyNewWindows(contents, hooks.openExternal);
  blockNavigation(contents, hooks.onBlockedNavigation);
  // No-op for sessions set up earlier (the app's, the sign-in windows'); any other gets nothing.
  restrictPermissions(contents.session, null);
}
