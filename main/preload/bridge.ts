// The object the preload exposes to the renderer: exactly one named function per contract method,
// each a single `invoke` on that method's channel, plus `on` for events. The renderer never sees
// ipcRenderer, channel names or Electron's event objects. No electron import here, so it is tested.
import { EVENT_NAMES, METHOD_NAMES, ipcChannel, type ApiEvents, type EventName, type InspectorBridge } from '../../shared/contract';

/** The two sides of ipcRenderer the bridge needs. */
export interface RendererIpc {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function createBridge(ipc: RendererIpc): InspectorBridge {
  const methods = Object.fromEntries(
    METHOD_NAMES.map((method) => {
      const channel = ipcChannel(method);
      // A plain named function (not a closure over `method` looked up at call time), one per method.
      const call = (input: unknown) => ipc.invoke(channel, input ?? {});
      Object.defineProperty(call, 'name', { value: method });
      return [method, call];
    }),
  );
  const on = <E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): (() => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function.');
    const channel = ipcChannel(event);
    // Electron's event object carries `sender` (the webContents): never hand it to the page.
    const forward = (_event: unknown, payload: unknown) => listener(payload as ApiEvents[E]);
    ipc.on(channel, forward);
    return () => {
      ipc.removeListener(channel, forward);
    };
  };
  return Object.freeze({ ...methods, on }) as InspectorBridge;
}
