// The one way the UI reaches main: the Electron preload's bridge when it is there, otherwise
// browser mode's HTTP bridge. Components call `getApi()`; tests swap in a fake with `setApiForTests`.
import { createApiClient } from '../shared/api-client';
import { BRIDGE_GLOBAL, type InspectorApi, type InspectorBridge } from '../shared/contract';
import { METHOD_NAMES } from './build-constants';
import { takeBrowserToken } from './transport/browser-token';
import { createHttpBridge } from './transport/http-bridge';

let testApi: InspectorApi | null = null;
let realApi: InspectorApi | null = null;

export function getApi(): InspectorApi {
  if (testApi) return testApi;
  realApi ??= createApiClient(pickBridge(), METHOD_NAMES);
  return realApi;
}

/** Replace the API with a fake (null restores the real one). For tests only. */
export function setApiForTests(api: InspectorApi | null): void {
  testApi = api;
}

/** Browser mode: no Electron preload, so the page reaches main over HTTP. */
export function runsInBrowser(): boolean {
  return !(window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
}

function pickBridge(): InspectorBridge {
  const preload = (window as unknown as Record<string, InspectorBridge | undefined>)[BRIDGE_GLOBAL];
  if (preload) return preload;
  const token = takeBrowserToken({ location: window.location, storage: window.sessionStorage, history: window.history });
  return createHttpBridge({ token });
}
