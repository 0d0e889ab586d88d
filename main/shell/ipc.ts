// Registers the contract on ipcMain: one `handle` per method, all through the same wrapper, which
// checks the sender frame before validation and dispatch (see ipc-sender.ts, ipc-invoker.ts).
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, ipcChannel, type ApiEvents, type ApiHandlers, type EventName } from '../../shared/contract';
import { createIpcInvoker } from './ipc-invoker';
import { isTrustedSender } from './ipc-sender';

type WindowGetter = () => BrowserWindow | null;

export interface IpcOptions {
  handlers: ApiHandlers;
  getMainWindow: WindowGetter;
  appOrigin: string;
  log: (message: string) => void;
  /** A trusted call arrived: the page is up and listening (see event-gate.ts). */
  onTrustedCall?: () => void;
}

export function registerIpc({ handlers, getMainWindow, appOrigin, log, onTrustedCall }: IpcOptions): () => void {
  const invoke = createIpcInvoker(handlers, (method, err) => log(`${method} failed unexpectedly: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
  const isFromAppWindow = (event: IpcMainInvokeEvent): boolean => {
    const window = getMainWindow();
    if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
    return isTrustedSender(event.senderFrame, window.webContents.mainFrame, appOrigin);
  };
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), (event, input: unknown) => {
      const trusted = isFromAppWindow(event);
      if (trusted) onTrustedCall?.();
      else log(`Refused ${method} from ${event.senderFrame?.origin ?? 'a destroyed frame'}`);
      return invoke(method, trusted, input);
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(method));
  };
}

export type OutgoingEvent = { [E in EventName]: { event: E; payload: ApiEvents[E] } }[EventName];

/** The core's events, to the main window only. */
export function sendToRenderer(getMainWindow: WindowGetter, { event, payload }: OutgoingEvent): void {
  const window = getMainWindow();
  if (window && !window.isDestroyed()) window.webContents.send(ipcChannel(event), payload);
}
