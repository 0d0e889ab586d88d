// Runs the built preload (out/preload/index.cjs) the way a sandboxed renderer does: in a context of
// its own whose `require` knows only what Electron's sandbox gives a preload (`electron` with its
// renderer modules, and its small polyfills of `events`, `timers` and `url`), with web globals but
// no Node ones. A preload that required anything else (a Node built-in, an external package, a
// local chunk) would fail at load here as it would in the app. `Function` is watched: the page's
// CSP forbids code from strings, so no `new Function` may even be attempted (zod's probe).
import { readFileSync } from 'node:fs';
import * as events from 'node:events';
import * as timers from 'node:timers';
import * as url from 'node:url';
import vm from 'node:vm';

export interface PreloadRun {
  exposed: Map<string, unknown>;
  invoked: { channel: string; input: unknown }[];
  /** Delivers an event from main, as webContents.send would. */
  emit(channel: string, payload: unknown): void;
  /** How many times code generation from strings was attempted. */
  codeFromStrings: number;
}

/** What contextBridge can copy into the page's world: no class instances, symbols or cycles. */
function assertBridgeable(value: unknown, path: string, seen = new Set<unknown>()): void {
  if (value === null || ['string', 'number', 'boolean', 'undefined', 'bigint', 'function'].includes(typeof value)) return;
  if (typeof value === 'symbol') throw new Error(`contextBridge cannot copy a symbol at ${path}`);
  if (seen.has(value)) throw new Error(`contextBridge cannot copy a cycle at ${path}`);
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) value.forEach((item, index) => assertBridgeable(item, `${path}[${index}]`, seen));
  else if (proto === null || Object.getPrototypeOf(proto) === null) for (const [key, item] of Object.entries(value as object)) assertBridgeable(item, `${path}.${key}`, seen);
  else throw new Error(`contextBridge would drop the prototype of ${path} (${proto?.constructor?.name ?? 'unknown'})`);
}

export function runSandboxedPreload(file: string): PreloadRun {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const run: PreloadRun = {
    exposed: new Map(),
    invoked: [],
    emit: (channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, structuredClone(payload));
    },
    codeFromStrings: 0,
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (run.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        assertBridgeable(api, key);
        run.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      async invoke(channel: string, ...args: unknown[]) {
        run.invoked.push({ channel, input: structuredClone(args[0]) });
        return { ok: true, value: null };
      },
      on(channel: string, listener: (event: unknown, payload: unknown) => void) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
        listeners.get(channel)?.delete(listener);
      },
    },
    webFrame: {},
    crashReporter: {},
    nativeImage: {},
    webUtils: {},
  };
  const allowed: Record<string, unknown> = { electron, events, timers, url };
  const sandboxRequire = (id: string) => {
    if (!Object.hasOwn(allowed, id)) throw new Error(`module not found: ${id} (a sandboxed preload can require only ${Object.keys(allowed).join(', ')})`);
    return allowed[id];
  };
  const context = vm.createContext({ console, URL, URLSearchParams, TextEncoder, TextDecoder, setTimeout, clearTimeout, queueMicrotask, structuredClone, atob, btoa, crypto: globalThis.crypto, process: { platform: process.platform, env: {} } });
  // Watch the context's own Function constructor (and eval), as a CSP without 'unsafe-eval' would.
  vm.runInContext('globalThis.window = globalThis', context);
  const watch = (kind: string) => {
    run.codeFromStrings++;
    throw new EvalError(`Refused to evaluate a string as JavaScript (${kind}): 'unsafe-eval' is not allowed`);
  };
  context['__watch'] = watch;
  vm.runInContext("{ const F = Function; const watch = globalThis.__watch; delete globalThis.__watch; globalThis.Function = new Proxy(F, { construct: () => watch('new Function'), apply: () => watch('Function()') }); globalThis.eval = () => watch('eval'); }", context);
  const module = { exports: {} };
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, context, { filename: file }) as (...args: unknown[]) => void;
  wrapper(module.exports, sandboxRequire, module, file, '.');
  return run;
}
