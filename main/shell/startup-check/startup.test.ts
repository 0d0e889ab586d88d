// The built app, started under plain Node against a stub `electron` that enforces Electron's
// ordering rules (electron-stub.ts), in the scenarios that matter: an unpackaged production build,
// `npm start` (dev server), the packaged app (not yet and already the scheme handler) and a second
// instance. And the built preload, run as a sandboxed renderer runs it (sandboxed-preload.ts).
//
// How the stub gets in: the app is built with the repository's own config (electron-vite, with
// `electron` external as always) into a folder of its own under .tmp/, and each scenario runs in a
// child `node --import tsx` process that registers a module resolution hook (node:module
// `register`) mapping the bare specifiers `electron` and `keytar` to the stubs. So the bundle under
// test is byte for byte the one `electron-vite build` makes; a child process per scenario gives
// each start fresh module state, argv and environment, as a real start has.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME } from '../../../shared/app-identity';
import { BRIDGE_GLOBAL, EVENT_NAMES, METHOD_NAMES, ipcChannel } from '../../../shared/contract';
import { buildAppInto } from './build-app';
import type { RecordedCall } from './electron-stub';
import { runSandboxedPreload } from './sandboxed-preload';
import { SCENARIOS, type ScenarioName } from './scenarios';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const tmpRoot = join(repo, '.tmp');
mkdirSync(tmpRoot, { recursive: true });
const buildDir = mkdtempSync(join(tmpRoot, 'startup-build-'));

interface Report {
  errors: string[];
  violations: string[];
  calls: RecordedCall[];
  quit: { how: string; code: number } | null;
  window?: { loaded: string[]; preload: string; sandbox: boolean; contextIsolation: boolean };
  served?: { url: string; status: number; csp: string | null; hasRoot: boolean }[];
  menuRoles?: string[];
  answers?: Record<string, string>;
  notices?: string[];
  navigation?: { reload: boolean; away: boolean };
  displayMedia?: string;
  newWindow?: { action: string };
  signIn?: { loaded: string[]; partition: string; preload: string | null; sandbox: boolean; closed: boolean; popup: Record<string, unknown> | null }[];
}

const reports = new Map<ScenarioName, Report>();
const stderr = new Map<ScenarioName, string>();

async function runScenario(name: ScenarioName): Promise<void> {
  const workDir = mkdtempSync(join(buildDir, `${name}-`));
  const reportFile = join(workDir, 'report.json');
  writeFileSync(reportFile, '{}');
  const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'run-scenario.ts'), buildDir, name, workDir, reportFile], { cwd: repo, timeout: 120_000, env: { ...process.env, ELECTRON_RENDERER_URL: '' } }).catch((err: { stderr?: string; message: string }) => ({ stderr: `${err.message}\n${err.stderr ?? ''}` }));
  stderr.set(name, result.stderr);
  const written = JSON.parse(readFileSync(reportFile, 'utf8')) as Partial<Report>;
  // A child that died before writing its report (it could not even start) fails every check of it.
  reports.set(name, written.errors ? (written as Report) : { errors: ['the run wrote no report'], violations: [], calls: [], quit: null });
}

beforeAll(async () => {
  await buildAppInto(buildDir);
  // Concurrently: each is mostly waiting for its child process to start.
  await Promise.all((Object.keys(SCENARIOS) as ScenarioName[]).map(runScenario));
}, 300_000);

afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

function report(name: ScenarioName): Report {
  const found = reports.get(name);
  if (!found) throw new Error(`no report for ${name}`);
  // Shown when an assertion below fails, with the app's own log lines.
  expect({ errors: found.errors, violations: found.violations, stderr: found.errors.length || found.violations.length ? stderr.get(name) : '' }).toEqual({ errors: [], violations: [], stderr: '' });
  return found;
}
const apis = (r: Report, phase?: RecordedCall['phase']) => r.calls.filter((call) => phase === undefined || call.phase === phase).map((call) => call.api);
const argsOf = (r: Report, api: string) => r.calls.filter((call) => call.api === api).map((call) => call.args);

describe.each(['production', 'dev', 'packaged', 'packaged-registered'] as const)('a start of the app (%s)', (name) => {
  it('keeps to Electron’s ordering rules and quits cleanly when the window closes', () => {
    const r = report(name);
    // Before ready: only what must come before it.
    expect(apis(r, 'before-ready').filter((api) => !['app.setPath'].includes(api))).toEqual(['protocol.registerSchemesAsPrivileged', 'app.enableSandbox', 'app.requestSingleInstanceLock']);
    expect(r.quit).toEqual({ how: 'quit', code: 0 });
    expect(r.window).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(r.window?.preload).toBe(join(buildDir, 'preload/index.cjs'));
  });

  it('answers every API method from the page with a payload that crosses processes, and delivers notices', () => {
    const r = report(name);
    expect(Object.keys(r.answers ?? {}).sort()).toEqual([...METHOD_NAMES].sort());
    expect(r.answers).toMatchObject({ getAppInfo: 'ok', listProfiles: 'ok', listFlows: 'ok', startFlow: 'invalid_input' });
    // The link of the launch (queued until the page listened) and a malformed one, each told at once; a
    // second instance's link (another unknown state within the minute) is folded into the next
    // minute's summary, as refused redirects are rate-limited (main/flow/refusal-notices.ts).
    expect(r.notices).toEqual([expect.stringContaining('launch-state'), expect.stringContaining('not valid UTF-8')]);
  });

  it('lets the window reload, refuses navigation away, denies screen capture, opens links normalised in the browser', () => {
    const r = report(name);
    expect(r.navigation).toEqual({ reload: true, away: false });
    expect(r.displayMedia).toBe('denied');
    expect(r.newWindow).toEqual({ action: 'deny' });
    expect(argsOf(r, 'shell.openExternal')).toEqual([['https://docs.example.com/a%20b']]);
  });
});

describe('the embedded sign-in window in the built app', () => {
  it('opens without preload in one reused in-memory partition, wiped between flows, and closes with its flow', () => {
    const r = report('packaged');
    expect(r.signIn).toHaveLength(2);
    const [first, second] = r.signIn!;
    expect(first).toMatchObject({ preload: null, sandbox: true, closed: true, loaded: [expect.stringMatching(/^https:\/\/idp\.example\/authorize\?/)] });
    expect(second!.partition).toBe(first!.partition);
    expect(first!.partition).not.toMatch(/^persist:/);
    // Wiped before each flow and after it: storage, HTTP auth and cache.
    expect(apis(r).filter((api) => api === `session(${first!.partition}).clearStorageData`)).toHaveLength(4);
  });

  it('allows an about:blank popup with the locked preferences and fixed features, whatever the page asked for', () => {
    const popup = report('packaged').signIn![0]!.popup;
    expect(popup).toMatchObject({ parentIsSignInWindow: true, frame: true, transparent: false, alwaysOnTop: false, skipTaskbar: false, opacity: 1, title: expect.stringContaining('sign-in (embedded window)') });
    expect(popup?.['webPreferences']).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(popup?.['x']).toBeGreaterThanOrEqual(0);
  });

  it('packaged: no window has DevTools; unpackaged builds keep them', () => {
    const packaged = report('packaged');
    expect(packaged.window).toMatchObject({ devTools: false });
    expect(packaged.signIn![0]).toMatchObject({ devTools: false });
    expect(packaged.signIn![0]!.popup?.['webPreferences']).toMatchObject({ devTools: false });
    expect(report('production').window).toMatchObject({ devTools: null });
  });
});

describe('development runs', () => {
  it.each(['production', 'dev'] as const)('%s: its own data folder, taken before the single-instance lock, and no scheme registration', (name) => {
    const r = report(name);
    const devData = expect.stringMatching(/\/appData\/PKCE Inspector \(dev\)$/);
    expect(argsOf(r, 'app.setPath')).toEqual([['userData', devData]]);
    expect(argsOf(r, 'app.requestSingleInstanceLock')).toEqual([[devData]]);
    expect(apis(r).filter((api) => api.includes('ProtocolClient'))).toEqual([]);
    expect(r.menuRoles).toContain('toggleDevTools');
  });

  it('production: the renderer from app:// with the strict CSP, read from the build', () => {
    const r = report('production');
    expect(r.window?.loaded).toEqual(['app://pkce-inspector/index.html']);
    expect(r.served).toEqual([expect.objectContaining({ url: 'app://pkce-inspector/index.html', status: 200, hasRoot: true, csp: expect.stringContaining("script-src 'self'") })]);
    expect(argsOf(r, 'protocol.handle')).toEqual([['app']]);
  });

  it('dev: the renderer from the dev server, with the dev CSP added as a header, and no app:// handler', () => {
    const r = report('dev');
    expect(r.window?.loaded).toEqual(['http://localhost:5173/']);
    expect(apis(r)).toContain('session((default)).webRequest.onHeadersReceived');
    expect(apis(r)).not.toContain('protocol.handle');
  });
});

describe('the packaged app', () => {
  it('keeps Electron’s data folder, ignores the dev server variable, offers no developer tools', () => {
    const r = report('packaged');
    expect(argsOf(r, 'app.setPath')).toEqual([]);
    expect(argsOf(r, 'app.requestSingleInstanceLock')).toEqual([[expect.stringMatching(/\/appData\/PKCE Inspector$/)]]);
    expect(r.window?.loaded).toEqual(['app://pkce-inspector/index.html']);
    expect(r.menuRoles).not.toContain('toggleDevTools');
    expect(r.menuRoles).toContain('editMenu');
  });

  it('registers the scheme after ready, and only when it is not the handler already', () => {
    const fresh = report('packaged');
    expect(fresh.calls.filter((call) => call.api.includes('ProtocolClient')).map((call) => [call.phase, call.api, call.args[0]])).toEqual([
      ['after-ready', 'app.isDefaultProtocolClient', APP_SCHEME],
      ['after-ready', 'app.setAsDefaultProtocolClient', APP_SCHEME],
    ]);
    const registered = report('packaged-registered');
    expect(apis(registered).filter((api) => api.includes('ProtocolClient'))).toEqual(['app.isDefaultProtocolClient']);
  });
});

describe('a second instance', () => {
  it('quits before ready and creates nothing: no window, session, protocol handler or registration', () => {
    const r = report('second-instance');
    expect(apis(r)).toEqual(['protocol.registerSchemesAsPrivileged', 'app.enableSandbox', 'app.requestSingleInstanceLock', 'app.quit']);
    expect(r.quit).toEqual({ how: 'quit', code: 0 });
  });
});

describe('the sandboxed preload', () => {
  it('loads with only what a sandboxed preload can require, exposes exactly the contract, and evaluates no strings', async () => {
    const run = runSandboxedPreload(join(buildDir, 'preload/index.cjs'));
    expect([...run.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    const bridge = run.exposed.get(BRIDGE_GLOBAL) as Record<string, (...args: unknown[]) => unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    await bridge['cancelFlow']!({ flowId: 'f1' });
    expect(run.invoked).toEqual([{ channel: ipcChannel('cancelFlow'), input: { flowId: 'f1' } }]);
    const seen: unknown[][] = [];
    const off = bridge['on']!(EVENT_NAMES[0], (...args: unknown[]) => seen.push(args)) as () => void;
    run.emit(ipcChannel(EVENT_NAMES[0]!), { id: 'x' });
    off();
    run.emit(ipcChannel(EVENT_NAMES[0]!), { id: 'y' });
    expect(seen).toEqual([[{ id: 'x' }]]);
    expect(run.codeFromStrings).toBe(0);
  });

  it('(the harness itself) refuses a Node built-in and counts code generated from strings', () => {
    const dir = mkdtempSync(join(buildDir, 'harness-'));
    writeFileSync(join(dir, 'fs.cjs'), "require('node:fs');");
    expect(() => runSandboxedPreload(join(dir, 'fs.cjs'))).toThrow(/module not found: node:fs/);
    writeFileSync(join(dir, 'eval.cjs'), "try { new Function(''); } catch {} require('electron').contextBridge.exposeInMainWorld('x', { y: new Map() });");
    expect(() => runSandboxedPreload(join(dir, 'eval.cjs'))).toThrow(/prototype of x\.y/);
    writeFileSync(join(dir, 'probe.cjs'), "try { new Function(''); } catch {}");
    expect(runSandboxedPreload(join(dir, 'probe.cjs')).codeFromStrings).toBe(1);
  });
});
