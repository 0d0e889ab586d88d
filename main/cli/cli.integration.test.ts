// The command line as a user runs it (`npm run cli --`, its own process, a private keyring) against
// the demo IdP: the sign-in is done by a scripted HTTP client from the URL printed with --no-open,
// and its redirect delivered to the CLI's loopback listener. Every exit code, JSON and env output,
// and the client secret, read from the keychain, in no output at all.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginOverHttp } from '../../demo-idp/http-login';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { ProfileStore } from '../store/profile-store';
import { missingKeyringTools, startPrivateKeyring, type PrivateKeyring } from '../store/test-support/private-keyring';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

const missing = missingKeyringTools();
if (missing.length > 0 && process.env.CI) throw new Error(`The CLI test needs ${missing.join(', ')} (apt-get install dbus gnome-keyring) in CI.`);
if (missing.length > 0) console.warn(`Skipping the CLI test: it needs ${missing.join(', ')}.`);

let idp: DemoIdp;
let keyring: PrivateKeyring;
let dataDir: string;
let secret: string;
const outputs: string[] = [];

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `signIn`, signs in over HTTP at the printed URL and delivers the redirect (or, `interrupt`, presses Ctrl+C). */
function cli(args: string[], signIn?: { consent?: 'allow' | 'deny'; interrupt?: boolean }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['main/cli/main.ts', '--data-dir', dataDir, ...args], { cwd: REPO, env: { ...process.env, ...keyring.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signingIn = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/m.exec(stderr)?.[1];
      if (!signIn || signingIn || !url) return;
      signingIn = true;
      if (signIn.interrupt) return void child.kill('SIGINT');
      void loginOverHttp(url, { consent: signIn.consent ?? 'allow' })
        .then((redirect) => fetch(redirect))
        .catch((err: unknown) => reject(err instanceof Error ? err : new Error(String(err))));
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

async function saveProfile(name: string, settings: Partial<FlowSettings>): Promise<string> {
  const store = new ProfileStore({ dataDir });
  return (await store.create({ name, settings: { ...defaultFlowSettings(), authUrl: idp.authorizationEndpoint, accessTokenUrl: idp.tokenEndpoint, callbackUrl: 'http://127.0.0.1/callback', ...settings } })).id;
}

function storeSecret(profileId: string, value: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['main/cli/test-support/store-secret.ts'], { cwd: REPO, env: { ...process.env, ...keyring.env, PROFILE_ID: profileId, CLIENT_SECRET: value, DATA_DIR: dataDir }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`store-secret exited ${code}`))));
  });
}

beforeAll(async () => {
  if (missing.length > 0) return;
  dataDir = await mkdtemp(join(tmpdir(), 'pkce-cli-'));
  [idp, keyring] = await Promise.all([startDemoIdp({ port: 0 }), startPrivateKeyring()]);
  secret = idp.clients.confidentialBasic.clientSecret!;
  await saveProfile('Demo public', { clientId: idp.clients.public.clientId, scope: 'openid profile' });
  const confidential = await saveProfile('Demo confidential', {
    clientId: idp.clients.confidentialBasic.clientId,
    scope: 'openid offline_access',
    extraAuthParams: [{ key: 'prompt', value: 'consent', enabled: true }],
  });
  await storeSecret(confidential, secret);
  await saveProfile('Unreachable token endpoint', { clientId: idp.clients.public.clientId, accessTokenUrl: 'http://127.0.0.1:9/token' });
  await saveProfile('Embedded only', { clientId: idp.clients.public.clientId, callbackUrl: 'https://localhost/callback', authorizeMode: 'embedded' });
}, 60_000);

afterAll(async () => {
  await keyring?.stop();
  await idp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(missing.length > 0)('the command line', { timeout: 120_000 }, () => {
  it('lists the saved profiles, saying which have a client secret', async () => {
    const run = await cli(['profiles']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Demo confidential\t[\w-]+\tclient secret in keychain$/m);
    expect(run.stdout).toMatch(/^Demo public\t[\w-]+\tno client secret$/m);
    const json = await cli(['profiles', '--output', 'json']);
    expect(JSON.parse(json.stdout)).toHaveLength(4);
  });

  it('runs a public profile with --no-open and prints the token response as JSON (exit 0)', async () => {
    const run = await cli(['run', '--profile', 'demo public', '--no-open'], {});
    expect(run.code).toBe(0);
    const tokens = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), id_token: expect.any(String) });
    expect(run.stderr).toContain('Open this URL in a browser on this machine to sign in:');
    expect(run.stderr).toContain('Tokens received.');
  });

  it('runs a confidential profile with the secret from the keychain and prints env lines for eval', async () => {
    const before = idp.tokenRequests.length;
    const run = await cli(['run', '--profile', 'Demo confidential', '--no-open', '--output', 'env'], {});
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('client secret from the keychain');
    expect(run.stdout).toMatch(/^ACCESS_TOKEN='[^'\n]+'\nID_TOKEN='[^'\n]+'\nREFRESH_TOKEN='[^'\n]+'\nTOKEN_TYPE='Bearer'\nEXPIRES_IN='\d+'\nSCOPE='[^'\n]+'\n$/);
    // The Basic header carried the keychain's secret: the IdP accepted it.
    expect(String(idp.tokenRequests[before]!.headers.authorization)).toMatch(/^Basic /);
    const evaluated = await new Promise<string>((resolve) => {
      const sh = spawn('sh', ['-c', 'eval "$TOKENS"; printf "%s|%s" "$TOKEN_TYPE" "${#ACCESS_TOKEN}"'], { env: { ...process.env, TOKENS: run.stdout } });
      let out = '';
      sh.stdout.on('data', (d: Buffer) => (out += d.toString()));
      sh.on('exit', () => resolve(out));
    });
    expect(evaluated).toMatch(/^Bearer\|[1-9]\d*$/);
  });

  it('prints just the access token with --output access-token', async () => {
    const run = await cli(['run', '--profile', 'Demo public', '--no-open', '--output', 'access-token'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w.-]+\n$/);
  });

  it('exits 2 for bad arguments, an unknown profile, or a profile the command line cannot run', async () => {
    const bad = await cli(['run', '--profile', 'Demo public', '--output', 'xml']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('--output is one of json, env, access-token, not "xml"');
    const unknown = await cli(['run', '--profile', 'Nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No profile named or with the id "Nope". Saved profiles: "Demo confidential", "Demo public"');
    const embedded = await cli(['run', '--profile', 'Embedded only', '--no-open']);
    expect(embedded.code).toBe(2);
    expect(embedded.stderr).toContain('needs the desktop app');
  });

  it('exits 3 with the IdP error on stderr when the IdP refuses', async () => {
    const run = await cli(['run', '--profile', 'Demo public', '--no-open'], { consent: 'deny' });
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr).toMatch(/^error: access_denied/m);
  });

  it('exits 4 when nobody signs in before --timeout', async () => {
    const run = await cli(['run', '--profile', 'Demo public', '--no-open', '--timeout', '1']);
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toContain('No redirect arrived within 1 s');
  });

  it('exits 4 when cancelled with Ctrl+C', async () => {
    const run = await cli(['run', '--profile', 'Demo public', '--no-open'], { interrupt: true });
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toContain('Cancelled from the terminal');
  });

  it('exits 5 when the token endpoint cannot be reached', async () => {
    const run = await cli(['run', '--profile', 'Unreachable token endpoint', '--no-open'], {});
    expect(run).toMatchObject({ code: 5, stdout: '' });
    expect(run.stderr).toContain('Redirect received');
  });

  it('runs the same way through the package.json bin launcher (what npm link puts on the PATH)', async () => {
    const run = await new Promise<CliRun>((resolve, reject) => {
      const child = spawn(process.execPath, [join(REPO, 'bin', 'pkce-inspector.mjs'), 'profiles', '--data-dir', dataDir], { cwd: tmpdir(), env: { ...process.env, ...keyring.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Demo public\t/m);
  });

  it('never printed the client secret', () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const text of outputs) expect(text).not.toContain(secret);
  });
});
