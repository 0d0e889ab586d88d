// Electron's binary, which the `electron` npm package no longer downloads at install (Electron 42+):
// its own index.js fetches it on first `require`, and electron-vite only looks for
// node_modules/electron/path.txt, throwing "Electron uninstall" without it (electron-vite #904/#905).
// So we check for the binary ourselves, fetch it where we can (postinstall, `npm start`) and, where
// we cannot, say so with the remedy instead of failing `npm ci` or printing a stack trace.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const REMEDY_COMMAND = 'npx install-electron';

export type BinaryState = { installed: true; executable: string } | { installed: false; reason: string };

/** The electron package's folder (where its index.js, install.js, path.txt and dist/ live). */
export function electronPackageDir(fromDir: string): string {
  return dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json'));
}

/** Whether the binary of the installed electron package is there, as electron-vite would find it. */
export function electronBinaryState(electronDir: string, env: NodeJS.ProcessEnv = process.env): BinaryState {
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { installed: true, executable: env.ELECTRON_EXEC_PATH }
      : { installed: false, reason: `ELECTRON_EXEC_PATH points at ${env.ELECTRON_EXEC_PATH}, which does not exist` };
  }
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { installed: false, reason: "Electron's binary has not been downloaded" };
  const executable = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return { installed: false, reason: `${executable} is missing` };
  const wanted = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
  const versionFile = join(electronDir, 'dist', 'version');
  const found = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') : undefined;
  if (found !== wanted) return { installed: false, reason: `the downloaded binary is Electron ${found ?? 'of unknown version'}, the package wants ${wanted}` };
  return { installed: true, executable };
}

export interface DownloadOutcome {
  ok: boolean;
  /** Why it failed, in one line (the downloader's own error, without its stack). */
  detail?: string;
}

/** The first line of a failed download's output that says what went wrong. */
export function summariseDownloadError(output: string): string {
  const lines = output.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('at '));
  const error = lines.find((line) => /error|fail|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN|\b[45]\d\d\b/i.test(line));
  // undici's bare "fetch failed" means no connection at all (DNS, refused, proxy): say so.
  if (error && /^TypeError: fetch failed$/.test(error)) return 'no connection to the download server, fetch failed';
  return error ?? lines[0] ?? 'no output';
}

/** Runs the electron package's own install.js (checksums verified, ELECTRON_MIRROR and cache honoured). */
export function downloadElectronBinary(electronDir: string, timeoutMs = 180_000): Promise<DownloadOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\ntimed out after ${Math.round(timeoutMs / 1000)} s`;
      child.kill();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true } : { ok: false, detail: summariseDownloadError(output) });
    });
  });
}

/** What works without the binary, and the one-line remedy; printed by postinstall and `npm start`. */
export function missingBinaryMessage(reason: string): string {
  return [
    `PKCE Inspector: Electron's binary is not installed (${reason}).`,
    '  Works without it: browser mode (`npm run web`), the tests (`npm test`), the build and the checks.',
    `  For the desktop app (\`npm start\`), run once where github.com is reachable: ${REMEDY_COMMAND}`,
    `  (behind a proxy: ELECTRON_GET_USE_PROXY=1 HTTPS_PROXY=http://proxy:port ${REMEDY_COMMAND}; or set ELECTRON_MIRROR)`,
  ].join('\n');
}
