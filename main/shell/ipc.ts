// Registers the contract on ipcMain: one `handle` per method, all through the same wrapper, which
// checks the sender frame before validation and dispatch (see ipc-sender.ts, ipc-invoker.ts).
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, ipcChannel, type ApiEvents, type ApiHandlers, type EventName } from '../../shared/contract';
import { createIpcInvoker } from './ipc-invoker';
import { isTrustedSender } from './ipc-sender';

type WindowGetter = () => BrowserWindow | null;

export function registerIpc(handlers: ApiHandlers, getMainWindow: WindowGetter, appOrigin: string, log: (message: string) => void): () => void {
  const invoke = createIpcInvoker(handlers, (method, err) => log(`${method} failed unexpectedly: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
  const isFromAppWindow = (event: IpcMainInvokeEvent): boolean => {
    const window = getMainWindow();
    if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
    return isTrustedSender(event.senderFrame, window.webContents.mainFrame, appOrigin);
  };
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), (event, input: unknown) => {
      const trusted = isFromAppWindow(event);
      if (!trusted) log(`Refused ${method} from ${event.senderFrame?.origin ?? 'a destroyed frame'}`);
      return invoke(method, trusted, input);
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(method));
  };
}

/** The core's events, to the main window only. */
export function sendToRenderer<E extends EventName>(getMainWindow: WindowGetter, event: E, payload: ApiEvents[E]): void {
  const window = getMainWindow();
  if (window && !window.isDestroyed()) window.webContents.send(ipcChannel(event), payload);
}
