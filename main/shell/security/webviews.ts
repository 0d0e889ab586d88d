// No <webview> anywhere: the tag is off in webPreferences and any attach attempt is refused.
import type { WebContents } from 'electron';

export function denyWebviews(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
