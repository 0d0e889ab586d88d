// The renderer's view of the Electron preload: `window.pkceInspector`, typed from the contract.
// Absent in browser mode, hence optional.
import { BRIDGE_GLOBAL, type InspectorBridge } from './contract';

declare global {
  interface Window {
    readonly [BRIDGE_GLOBAL]?: InspectorBridge;
  }
}

export {};
