// Runs in the sandboxed preload of the main window only (the auth window has none). Exposes the
// contract's bridge under `window.pkceInspector`; ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/contract';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
