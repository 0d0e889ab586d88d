// One start of the built app under plain Node, in a child process of start-up.test.ts:
//   node --import tsx run-scenario.ts <buildDir> <scenario> <workDir> <reportFile>
// `electron` and `keytar` are resolved to stubs by a module resolution hook registered here
// (node:module `register`), so the bundle runs exactly as built, with its own bare `import ...
// from "electron"`; nothing is rebuilt or patched for the test. The run then plays the part of
// Electron and of the page: `ready`, the window's load, API calls from the page, deep links, a
// reload, a navigation away, a screen-capture request, and finally the user closing the window.
import { mkdirSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { METHOD_NAMES, ipcChannel } from '../../../shared/contract';
import { LINKS, SCENARIOS, type ScenarioName } from './scenarios';

const HOOKS = `
let map = {};
export async function initialize(data) { map = data; }
export async function resolve(specifier, context, next) {
  return Object.hasOwn(map, specifier) ? { url: map[specifier], shortCircuit: true } : next(specifier, context);
}`;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what: string, condition: () => boolean, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await wait(10);
  }
}

async function main(): Promise<void> {
  const [buildDir, name, workDir, reportFile] = process.argv.slice(2);
  if (!buildDir || !workDir || !reportFile || !(name && name in SCENARIOS)) throw new Error('usage: run-scenario.ts <buildDir> <scenario> <workDir> <reportFile>');
  const scenario = SCENARIOS[name as ScenarioName];
  const stubUrl = new URL('./electron-stub.ts', import.meta.url).href;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, import.meta.url, { data: { electron: stubUrl, keytar: new URL('./keytar-stub.ts', import.meta.url).href } });
  // The same module instance the bundle gets for `electron`.
  const electron = (await import(stubUrl)) as typeof import('./electron-stub');
  const { stub, app, ipcMain, protocol, session, Menu, StubBrowserWindow } = electron;

  const report: Record<string, unknown> = { scenario: name, errors: [] as string[] };
  const errors = report['errors'] as string[];
  process.on('uncaughtException', (err) => errors.push(`uncaught: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => errors.push(`unhandled rejection: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
  const save = () => writeFileSync(reportFile, JSON.stringify({ ...report, calls: stub.calls, violations: stub.violations, quit: stub.quit }, null, 2));

  try {
    stub.scenario = { ...scenario.stub, appDataDir: join(workDir, 'appData') };
    mkdirSync(stub.scenario.appDataDir, { recursive: true });
    delete process.env['ELECTRON_RENDERER_URL'];
    Object.assign(process.env, scenario.env);
    process.argv.push(LINKS.launch);

    await import(pathToFileURL(join(buildDir, 'main/index.js')).href);
    app.fireReady();
    if (!scenario.stub.singleInstanceLock) {
      await wait(200); // nothing may happen after `ready` in an instance that quit
      return;
    }
    await until('the API handlers and the main window', () => ipcMain.handlers.size === METHOD_NAMES.length && StubBrowserWindow.created.length > 0 && stub.quit === null);
    const window = StubBrowserWindow.created[0]!;
    const contents = window.webContents;
    await wait(50); // the scheme registration waits for ready-to-show, then a turn of the loop
    report['window'] = { loaded: window.loaded, preload: window.options.webPreferences?.preload, sandbox: window.options.webPreferences?.sandbox, contextIsolation: window.options.webPreferences?.contextIsolation, devTools: (window.options.webPreferences as { devTools?: boolean } | undefined)?.devTools ?? null };
    report['served'] = protocol.served.map(({ body, ...rest }) => ({ ...rest, hasRoot: body.includes('id="root"') }));
    report['menuRoles'] = JSON.stringify(Menu.current).match(/"role":"[A-Za-z]+"/g)?.map((match) => match.slice(8, -1)) ?? [];

    // The page's first calls: every method, with an empty input; each answer must cross processes.
    const answers: Record<string, unknown> = {};
    for (const method of METHOD_NAMES) {
      const answer = (await ipcMain.invoke(contents, ipcChannel(method), {})) as { ok: boolean; error?: { code: string } };
      answers[method] = answer.ok ? 'ok' : answer.error?.code;
    }
    report['answers'] = answers;
    app.emit('second-instance', {}, ['/opt/PKCE Inspector/pkce-inspector', '--flag', LINKS.second], '/');
    app.emit('second-instance', {}, ['/opt/PKCE Inspector/pkce-inspector', LINKS.malformed], '/');
    await until('the deep-link notices', () => contents.sent.filter((sent) => sent.channel === ipcChannel('notice')).length >= 3, 5_000).catch(() => undefined);
    report['notices'] = contents.sent.filter((sent) => sent.channel === ipcChannel('notice')).map((sent) => (sent.payload as { message: string }).message);

    report['signIn'] = await embeddedFlows(electron, contents);
    report['navigation'] = { reload: contents.navigate(contents.getURL()), away: contents.navigate('https://evil.example/') };
    report['displayMedia'] = session.defaultSession.requestDisplayMedia();
    report['newWindow'] = contents.windowOpenHandler?.({ url: 'HTTPS://Docs.Example.COM/a b' });

    window.destroy(); // the user closes the window: the app quits
    await until('the app to quit', () => stub.quit !== null, 10_000);
  } catch (err) {
    errors.push(`run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    save();
  }
}

/**
 * Two embedded flows one after the other, each cancelled: the sign-in window, a popup it opens as
 * `about:blank` (created as Electron would, from the handler's options), and the partition reuse.
 */
async function embeddedFlows(electron: typeof import('./electron-stub'), contents: InstanceType<typeof electron.StubWebContents>) {
  const { ipcMain, StubBrowserWindow } = electron;
  const settings = { authorizeMode: 'embedded', callbackUrl: 'https://localhost/callback', authUrl: 'https://idp.example/authorize', accessTokenUrl: 'http://127.0.0.1:9/token', clientId: 'startup-check' };
  const flows = [];
  for (let round = 0; round < 2; round++) {
    const started = (await ipcMain.invoke(contents, ipcChannel('startFlow'), { settings, profileId: null, clientSecret: { source: 'none' } })) as { ok: boolean; value?: { flowId: string }; error?: unknown };
    if (!started.ok || !started.value) throw new Error(`startFlow failed: ${JSON.stringify(started.error)}`);
    const window = StubBrowserWindow.created.at(-1)!;
    const popupAnswer = window.webContents.windowOpenHandler?.({ url: 'about:blank', frameName: '', features: 'frame=no,alwaysOnTop=yes,transparent=yes,left=-9999,top=-9999' }) as { action: string; overrideBrowserWindowOptions?: Record<string, unknown> & { webPreferences?: object; parent?: unknown } };
    let popup: Record<string, unknown> | null = null;
    if (popupAnswer.action === 'allow') {
      const options = popupAnswer.overrideBrowserWindowOptions ?? {};
      // Electron's guest windows share the opener's session.
      const child = new StubBrowserWindow({ ...options, webPreferences: { ...options.webPreferences, session: window.webContents.session } });
      window.webContents.emit('did-create-window', child, { url: 'about:blank' });
      const { parent, webPreferences, ...rest } = options;
      popup = { ...rest, parentIsSignInWindow: parent === window, webPreferences };
    }
    await ipcMain.invoke(contents, ipcChannel('cancelFlow'), { flowId: started.value.flowId });
    flows.push({ loaded: window.loaded, partition: window.webContents.session.partition, preload: window.options.webPreferences?.preload ?? null, sandbox: window.options.webPreferences?.sandbox, devTools: (window.options.webPreferences as { devTools?: boolean } | undefined)?.devTools ?? null, closed: window.isDestroyed(), popup });
  }
  return flows;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
