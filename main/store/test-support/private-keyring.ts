// A private Secret Service for tests: its own D-Bus session bus and gnome-keyring, unlocked with a
// throwaway password, under a fresh HOME. Processes started with `env` (e.g. browser mode) store
// client secrets there, through keytar, exactly as on a desktop; nothing touches the user's keyring.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const KEYRING_TOOLS = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon'] as const;

export interface PrivateKeyring {
  /** Environment for processes that should use this keyring (HOME, XDG_* and the bus address). */
  env: Record<string, string>;
  home: string;
  stop(): Promise<void>;
}

/** The tools (by default those this keyring needs) that are missing: all of them off Linux. */
export function missingKeyringTools(tools: readonly string[] = KEYRING_TOOLS): string[] {
  if (process.platform !== 'linux') return [...tools];
  return tools.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-keyring-'));
  for (const d of ['run', 'data', 'config', 'cache']) await fs.mkdir(path.join(home, d), { mode: 0o700 });
  const base: Record<string, string> = {
    HOME: home,
    XDG_RUNTIME_DIR: path.join(home, 'run'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
  };
  const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...base, ...extra };
    for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL']) delete env[name];
    if (!extra.DBUS_SESSION_BUS_ADDRESS) delete env.DBUS_SESSION_BUS_ADDRESS;
    return env;
  };

  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
    await fs.rm(home, { recursive: true, force: true });
  };

  try {
    const bus = spawn('dbus-daemon', ['--session', '--print-address=1', '--nofork', '--nopidfile'], { env: childEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(bus);
    const address = await firstLine(bus, 'dbus-daemon');
    const env = { ...base, DBUS_SESSION_BUS_ADDRESS: address };

    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env: childEnv(env), stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(keyring);
    // --unlock reads the password from stdin up to EOF; a new login keyring is created with it.
    keyring.stdin.end(randomBytes(8).toString('hex'));
    await waitForSecretService(childEnv(env));
    return { env, home, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function firstLine(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} printed nothing within 10 s`)), 10_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
  });
}

/** Polls the bus until something owns org.freedesktop.secrets. */
async function waitForSecretService(env: NodeJS.ProcessEnv): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const reply = execFileSync(
        'dbus-send',
        ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
        { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      if (/boolean true/.test(reply)) return;
    } catch {
      // the bus is not answering yet
    }
    if (Date.now() > deadline) throw new Error('gnome-keyring-daemon did not register org.freedesktop.secrets within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}
