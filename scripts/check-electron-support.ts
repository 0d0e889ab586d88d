// CI gate: Electron supports only its latest three majors, and the sign-in window renders arbitrary
// IdP pages, so an installed Electron more than two majors behind the registry's latest fails the
// build. When the registry cannot be asked (offline CI), it says so plainly and does not fail.
// Usage: npm run check:electron-support   (exit 0: supported or not checkable; 1: out of support)
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronPackageDir } from './electron-binary';

/** Electron's support window: the latest major and the two before it. */
export const SUPPORTED_MAJORS = 3;

export type SupportVerdict = { status: 'supported' | 'unsupported' | 'unknown'; message: string };

function majorOf(version: string): number | undefined {
  const match = /^v?(\d+)\.\d+\.\d+/.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}

/** `latest` is the registry's answer, or why there is none. */
export function judgeElectronSupport(installed: string, latest: string | { error: string }): SupportVerdict {
  const installedMajor = majorOf(installed);
  if (installedMajor === undefined) return { status: 'unsupported', message: `The installed electron version "${installed}" cannot be read.` };
  if (typeof latest !== 'string') {
    return { status: 'unknown', message: `Electron ${installed} is installed; its support could NOT be checked: the npm registry could not be asked (${latest.error}).` };
  }
  const latestMajor = majorOf(latest);
  if (latestMajor === undefined) return { status: 'unknown', message: `Electron ${installed} is installed; its support could NOT be checked: the registry answered "${latest}", not a version.` };
  const behind = latestMajor - installedMajor;
  const oldestSupported = latestMajor - (SUPPORTED_MAJORS - 1);
  if (behind >= SUPPORTED_MAJORS) {
    return {
      status: 'unsupported',
      message: `Electron ${installed} is out of support: the latest is ${latest}, and Electron supports only ${oldestSupported}–${latestMajor}. Upgrade electron (npm install --save-dev electron@${latestMajor}).`,
    };
  }
  return { status: 'supported', message: `Electron ${installed} is supported (latest ${latest}; supported majors ${oldestSupported}–${latestMajor}).` };
}

export function askRegistryForLatest(timeoutMs = 30_000): Promise<string | { error: string }> {
  return new Promise((resolve) => {
    // npm is npm.cmd on Windows, which execFile runs only through a shell.
    execFile('npm', ['view', 'electron', 'version'], { timeout: timeoutMs, shell: process.platform === 'win32' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout.trim());
      const lines = stderr.split('\n').map((line) => line.trim());
      const code = lines.find((line) => /^npm (error|ERR!) (code|errno) /.test(line)) ?? lines.find((line) => /^npm (error|ERR!)/.test(line));
      resolve({ error: error.killed ? `no answer within ${timeoutMs / 1000} s` : (code ?? error.message.split('\n')[0] ?? 'unknown error') });
    });
  });
}

async function main(): Promise<number> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const installed = (JSON.parse(readFileSync(join(electronPackageDir(root), 'package.json'), 'utf8')) as { version: string }).version;
  const verdict = judgeElectronSupport(installed, await askRegistryForLatest());
  (verdict.status === 'unsupported' ? console.error : console.log)(`${verdict.status === 'unknown' ? 'WARNING: ' : ''}${verdict.message}`);
  return verdict.status === 'unsupported' ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
