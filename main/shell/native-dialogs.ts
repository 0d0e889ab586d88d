// The main-process confirmations the renderer cannot fake: sending a stored client secret to a new
// endpoint (issue 9: a script in the page could change the Access Token URL), and leaving a window
// whose page asks to keep unsaved work (its `beforeunload`).
import { dialog, type BrowserWindow, type MessageBoxOptions, type WebContents } from 'electron';
import { endpointChangeDialog, type EndpointChange } from '../store/secret-guard';

export function confirmEndpointChangeWith(getMainWindow: () => BrowserWindow | null): (change: EndpointChange) => Promise<boolean> {
  return async (change) => {
    const options: MessageBoxOptions = {
      ...endpointChangeDialog(change),
      type: 'warning',
      buttons: ['Cancel', 'Send the secret there'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const win = getMainWindow();
    const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    return response === 1;
  };
}

/** Electron ignores `beforeunload` silently (the window just stays): ask, as a browser would. */
export function askBeforeUnload(win: BrowserWindow, contents: WebContents): void {
  contents.on('will-prevent-unload', (event) => {
    const leave =
      dialog.showMessageBoxSync(win, {
        type: 'question',
        buttons: ['Leave', 'Stay'],
        defaultId: 1,
        cancelId: 1,
        message: 'Leave without saving?',
        detail: 'The form has unsaved changes or a client secret that is not saved.',
      }) === 0;
    // preventDefault here means: ignore the page's beforeunload and leave.
    if (leave) event.preventDefault();
  });
}
