// Starts browser mode the way a user does: the CLI as its own process, reading the URL from the one
// line it prints. Stopping sends SIGTERM and waits for a clean exit.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { URL_LINE_PREFIX } from '../../main/web/cli-options';
import { REPO_ROOT } from './paths';

type BrowserModeProcess = ChildProcessByStdio<null, Readable, Readable>;


export interface RunningBrowserMode {
  /** The printed URL, token fragment included. */
  url: string;
  origin: string;
  token: string;
  /** Everything the process wrote, for assertions (no secrets) and failure messages. */
  output(): string;
  stop(): Promise<number | null>;
}

export async function startBrowserMode({ dataDir, env = {} }: { dataDir: string; env?: NodeJS.ProcessEnv }): Promise<RunningBrowserMode> {
  const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['main/web/cli.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await readUrlLine(child, () => output, (line) => (output += `${line}\n`));
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    output: () => output,
    stop: () => stopProcess(child),
  };
}

function readUrlLine(child: BrowserModeProcess, output: () => string, record: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('Browser mode printed no URL within 60 s.')), 60_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n--- output ---\n${output()}`));
    };
    child.on('exit', (code) => fail(new Error(`Browser mode exited (code ${code}) before printing its URL.`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      record(line);
      if (line.startsWith(URL_LINE_PREFIX)) {
        clearTimeout(timer);
        resolve(line.slice(URL_LINE_PREFIX.length).trim());
      }
    });
  });
}

function stopProcess(child: BrowserModeProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code) => {
      clearTimeout(force);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
