// `npm run web`: PKCE Inspector in the browser. Builds the same core as the desktop app, serves it
// on 127.0.0.1 and prints one line with the URL to open. Nothing secret is printed after that line.
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createAppCore } from '../api/create-app-core';
import { parseWebCli, URL_LINE_PREFIX, USAGE } from './cli-options';
import { rendererOpensTabLauncher } from './renderer-launcher';
import { startWebServer, type WebServer } from './server';

const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

async function main(): Promise<void> {
  const parsed = parseWebCli(process.argv.slice(2));
  if (parsed.kind === 'help') return void console.log(USAGE);
  if (parsed.kind === 'error') {
    console.error(`${parsed.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { port, dataDir } = parsed.options;
  await mkdir(dataDir, { recursive: true });
  const { version } = JSON.parse(await readFile(PACKAGE_JSON, 'utf8')) as { version: string };
  const core = createAppCore({ dataDir, launcher: rendererOpensTabLauncher, runtime: 'web', authorizeModes: ['browser-loopback'], version });
  let server: WebServer;
  try {
    server = await startWebServer({ handlers: core.handlers, subscribe: core.subscribe, rendererDir: RENDERER_DIR, port });
  } catch (err) {
    await core.dispose();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`port ${port} is in use: choose another with --port, or --port 0 for a free one.`);
    throw err;
  }
  console.log(`${URL_LINE_PREFIX}${server.url}`);
  console.error(`Profiles are kept in ${dataDir}. Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping.`);
    await server.close();
    await core.dispose();
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

main().catch((err: unknown) => {
  console.error(`PKCE Inspector (browser mode) could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
