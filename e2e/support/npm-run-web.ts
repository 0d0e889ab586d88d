// Browser mode started exactly as the README tells a user to: `npm run web -- --port 0 --data-dir DIR`
// (npm prints its own banner and the renderer build prints its lines before the one URL line).
// npm, the shell and tsx make a process tree, so it runs in its own process group and is stopped as
// one: SIGINT to the group (Ctrl+C), SIGKILL after 10 s.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { REPO_ROOT } from './paths';

const URL_LINE = /^PKCE Inspector: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/;

export interface NpmRunWeb {
  url: string;
  origin: string;
  stdoutLines(): string[];
  output(): string;
  /** Ctrl+C in the terminal: SIGINT to the whole process group; resolves once npm has exited. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startNpmRunWeb({ dataDir }: { dataDir: string }): Promise<NpmRunWeb> {
  const child = spawn('npm', ['run', 'web', '--', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const lines: string[] = [];
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail('printed no URL line within 90 s'), 90_000);
    function fail(why: string) {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(new Error(`npm run web ${why}.\n--- output ---\n${output}`));
    }
    child.once('exit', (code) => fail(`exited (code ${code}) before printing its URL`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      output += `${line}\n`;
      const match = URL_LINE.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    stdoutLines: () => [...lines],
    output: () => output,
    stop: () => stop(child),
  };
}

function killGroup(child: ChildProcessByStdio<null, Readable, Readable>, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stop(child: ChildProcessByStdio<null, Readable, Readable>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const force = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(force);
      resolve({ code, signal });
    });
    killGroup(child, 'SIGINT');
  });
}
