// Client secrets against a REAL Secret Service: a private D-Bus session bus (dbus-run-session) with
// its own gnome-keyring, unlocked with a throwaway password, under a fresh HOME. keytar (libsecret)
// binds to the session bus named in its process's environment, so the keytar part runs in a child
// process inside that session. In CI the test must run: missing tools fail it; locally it is skipped
// with the reason printed.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingKeyringTools } from './test-support/private-keyring';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const checkScript = path.join(repoRoot, 'main', 'store', 'test-support', 'keychain-check.ts');
const TOOLS = ['dbus-run-session', 'dbus-daemon', 'gnome-keyring-daemon'];


const missing = missingKeyringTools(TOOLS);
const unavailableReason = missing.length ? `needs Linux with ${missing.join(', ')} (apt-get install dbus gnome-keyring libsecret-1-0)` : null;

let home: string;
const secrets = { KEYCHAIN_TEST_SECRET_1: `s1-${randomBytes(12).toString('hex')}`, KEYCHAIN_TEST_SECRET_2: `s2-${randomBytes(12).toString('hex')}` };

beforeAll(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-keychain-home-'));
  for (const d of ['run', 'data', 'config', 'cache', 'profiles']) await fs.mkdir(path.join(home, d), { mode: 0o700 });
});
afterAll(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

/** The environment of a fresh desktop-less user: no inherited bus, display or keyring. */
function isolatedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...secrets, ...extra };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL', 'SSH_AUTH_SOCK']) delete env[name];
  return {
    ...env,
    HOME: home,
    XDG_RUNTIME_DIR: path.join(home, 'run'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    ...extra,
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function steps(stdout: string): string[] {
  const line = stdout.trim().split('\n').pop() ?? '';
  return (JSON.parse(line) as { steps: string[] }).steps;
}

describe('client secrets in a real Secret Service (gnome-keyring over a private D-Bus session)', () => {
  it('sets, reads in main, replaces and deletes with the profile; nothing on disk in the clear', async (ctx) => {
    if (unavailableReason) {
      if (process.env.CI) throw new Error(`The real-keychain test cannot run in CI: it ${unavailableReason}.`);
      console.warn(`Skipping the real-keychain test: it ${unavailableReason}.`);
      ctx.skip();
    }
    const dataDir = path.join(home, 'profiles');
    const script = `echo -n "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$NODE_BIN" --import tsx "$CHECK_SCRIPT" real "$DATA_DIR"`;
    const result = await run(
      'dbus-run-session',
      ['--', 'sh', '-c', script],
      isolatedEnv({ KEYRING_PASSWORD: randomBytes(8).toString('hex'), NODE_BIN: process.execPath, CHECK_SCRIPT: checkScript, DATA_DIR: dataDir }),
    );
    expect(result.code, `keychain check failed:\n${result.stdout}\n${result.stderr}`).toBe(0);
    expect(steps(result.stdout)).toEqual(['status: available', 'set', 'read in main', 'replace', 'clear', 'which have a secret', 'not in the data folder', 'deleted with its profile']);

    // The secrets went to gnome-keyring's (encrypted) keyring in the fresh HOME, and no file there or
    // in the data folder holds them in the clear; nor did the child print them.
    const keyrings = await fs.readdir(path.join(home, 'data', 'keyrings'));
    expect(keyrings.some((f) => f.endsWith('.keyring'))).toBe(true);
    const files = await fs.readdir(home, { recursive: true, withFileTypes: true });
    for (const f of files.filter((e) => e.isFile())) {
      const bytes = await fs.readFile(path.join(f.parentPath, f.name));
      for (const s of Object.values(secrets)) expect(bytes.includes(Buffer.from(s)), `${f.name} holds a secret`).toBe(false);
    }
    for (const s of Object.values(secrets)) expect(result.stdout + result.stderr).not.toContain(s);
  }, 90_000);

  it('without a D-Bus session says the keychain is unavailable, why, and how to fix it', async (ctx) => {
    if (process.platform !== 'linux') ctx.skip();
    const result = await run(process.execPath, ['--import', 'tsx', checkScript, 'unavailable', path.join(home, 'profiles')], isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-such-bus')}` }));
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const [status, set] = steps(result.stdout);
    expect(status).toMatch(/^status: The OS keychain could not be reached \(.+\)\. On Linux, install libsecret-1-0 and run a Secret Service provider such as gnome-keyring or KWallet/);
    expect(set).toMatch(/^set: The OS keychain could not store the client secret/);
    for (const s of Object.values(secrets)) expect(result.stdout + result.stderr).not.toContain(s);
  }, 60_000);
});
