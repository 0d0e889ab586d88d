// `npm start` / `npm run preview`: electron-vite, once Electron's binary is there. Without it,
// electron-vite throws "Electron uninstall" with a stack trace; instead we try the download once
// and, if that fails too, print the remedy and point at browser mode.
// Usage: tsx scripts/run-desktop.ts <dev|preview> [electron-vite options]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { downloadElectronBinary, electronBinaryState, electronPackageDir, missingBinaryMessage, type BinaryState, type DownloadOutcome } from './electron-binary';

export interface DesktopDeps {
  state: () => BinaryState;
  download: () => Promise<DownloadOutcome>;
  run: () => Promise<number>;
  log: (line: string) => void;
}

/** The exit code: electron-vite's own, or 1 with the remedy when Electron's binary cannot be had. */
export async function runDesktop({ state, download, run, log }: DesktopDeps): Promise<number> {
  if (!state().installed) {
    log("PKCE Inspector: Electron's binary is missing; trying to download it…");
    const outcome = await download();
    const after = state();
    if (!after.installed) {
      log(missingBinaryMessage(outcome.ok ? after.reason : `download failed: ${outcome.detail ?? 'unknown error'}`));
      log('PKCE Inspector: for now, run the same app in your browser: npm run web');
      return 1;
    }
  }
  return run();
}

function runElectronVite(root: string, args: string[]): Promise<number> {
  const bin = createRequire(join(root, 'package.json')).resolve('electron-vite/bin/electron-vite.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const electronDir = electronPackageDir(root);
  void runDesktop({
    state: () => electronBinaryState(electronDir),
    download: () => downloadElectronBinary(electronDir),
    run: () => runElectronVite(root, process.argv.slice(2)),
    log: (line) => console.error(line),
  }).then((code) => (process.exitCode = code));
}
