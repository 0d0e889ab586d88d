// Runs in the sandboxed preload of the main window only (the auth window has none). Exposes the
// contract's bridge under `window.pkceInspector`; ipcRenderer itself is never exposed. zod first:
// the preload's isolated world has no CSP of its own, so the page's applies (shared/zod-jitless.ts).
import '../../shared/zod-jitless';
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/contract';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
