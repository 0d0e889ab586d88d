// The real desktop app, launched: the built app (out/) in Electron's own binary through Playwright's
// Electron support, the form filled by its labels against the demo IdP, one flow in the embedded
// sign-in window and one through the loopback listener with a real browser as the "system browser",
// and the tokens as the app shows them. Runs in .github/workflows/desktop.yml on Ubuntu (xvfb-run),
// macOS and Windows; skipped, with the reason, where Electron's binary is not installed (as on
// machines that cannot download it), unless REQUIRE_ELECTRON is set (the workflow sets it).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, chromium, type Browser, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../demo-idp/provider';
import { electronBinaryState, electronPackageDir } from '../scripts/electron-binary';
import { demoForm, fillForm, flowStatus, screenshot, signIn, tokensReceived } from './support/app-page';
import { REPO_ROOT } from './support/paths';
import { hasText, shows } from './support/ui-expect';

const binary = electronBinaryState(electronPackageDir(REPO_ROOT));
const skipReason = binary.installed ? undefined : `Electron's binary is not installed (${binary.reason}); \`npx install-electron\` fetches it`;
if (skipReason && process.env.REQUIRE_ELECTRON) throw new Error(`The desktop end-to-end test must run here (REQUIRE_ELECTRON is set), but ${skipReason}.`);
if (skipReason) console.warn(`Skipping the desktop app end-to-end test: ${skipReason}.`);

let idp: DemoIdp;
let electronApp: ElectronApplication;
let page: Page;
let userData: string;
let systemBrowser: Browser | undefined;

/** electron-vite's full build (main, preload, renderer), when out/ lacks the app. */
async function ensureAppBuilt(): Promise<void> {
  if (['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((p) => existsSync(join(REPO_ROOT, p)))) return;
  const bin = createRequire(join(REPO_ROOT, 'package.json')).resolve('electron-vite/bin/electron-vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code}):\n${output.slice(-4_000)}`))));
  });
}

/** The "system browser" for the loopback flow: Debian's Chromium here, the runner's Chrome elsewhere. */
function launchSystemBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch(executablePath ? { executablePath, args: ['--no-sandbox', '--disable-gpu'] } : { channel: 'chrome' });
}

const publicClientForm = (tokenName: string) => demoForm(idp, 'public', { tokenName, scope: 'openid profile' });

/** Sets "Authorize using browser" (ticked: the loopback redirect; unticked: the embedded window). */
async function useBrowser(ticked: boolean): Promise<void> {
  const box = page.getByLabel('Authorize using browser', { exact: true });
  if ((await box.isChecked()) !== ticked) await box.click();
  if (ticked) await page.getByLabel(/^Loopback redirect/).check();
}

describe.skipIf(skipReason !== undefined)('the desktop app (Electron)', () => {
  beforeAll(async () => {
    await ensureAppBuilt();
    userData = await mkdtemp(join(tmpdir(), 'pkce-e2e-electron-'));
    idp = await startDemoIdp({ port: 0 });
    // A profile folder of its own (no profiles, no single-instance lock of an installed app); on
    // Linux XDG_CONFIG_HOME as well, where Electron derives userData from it.
    const env = { ...process.env, XDG_CONFIG_HOME: userData } as Record<string, string>;
    delete env.ELECTRON_RENDERER_URL; // the built renderer, never a dev server
    electronApp = await _electron.launch({
      executablePath: binary.installed ? binary.executable : undefined,
      args: [`--user-data-dir=${userData}`, REPO_ROOT],
      cwd: REPO_ROOT,
      env,
      timeout: 60_000,
    });
    page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    // The loopback flow goes to the system browser through shell.openExternal: record the URL
    // instead, and open it in a real browser below, as the user's browser would.
    await electronApp.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __pkceOpened?: string[] }).__pkceOpened = opened;
      shell.openExternal = async (url: string) => {
        opened.push(url);
      };
    });
  });

  afterAll(async () => {
    await systemBrowser?.close();
    await electronApp?.close();
    await idp?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it('starts: the app window with the form, loaded from the built app', async () => {
    await shows(page.getByRole('button', { name: 'Get New Access Token' }), 30_000);
    expect(page.url()).not.toMatch(/^https?:/); // the app:// page, not a dev server
    await screenshot(page, 'electron-01-started');
  });

  it('gets tokens in the embedded sign-in window', async () => {
    await useBrowser(false);
    await fillForm(page, publicClientForm('desktop embedded'));
    const [signInWindow] = await Promise.all([electronApp.waitForEvent('window'), page.getByRole('button', { name: 'Get New Access Token' }).click()]);
    await signInWindow.waitForURL((url) => url.href.startsWith(idp.issuer), { timeout: 15_000 });
    // The window closes by itself once the app has the redirect: login, then consent.
    for (let step = 0; step < 4 && !signInWindow.isClosed(); step++) {
      const username = signInWindow.getByLabel('Username', { exact: true });
      const allow = signInWindow.getByRole('button', { name: 'Allow' });
      // Every waiter settles to a value: the losers reject once the window closes, unobserved otherwise.
      const closed = () => 'closed' as const;
      const next = await Promise.race([
        username.waitFor({ timeout: 15_000 }).then(() => 'login' as const, closed),
        allow.waitFor({ timeout: 15_000 }).then(() => 'consent' as const, closed),
        signInWindow.waitForEvent('close', { timeout: 15_000 }).then(closed, closed),
      ]);
      if (next === 'closed') break;
      if (next === 'login') {
        await username.fill(idp.user.login);
        await signInWindow.getByLabel('Password', { exact: true }).fill(idp.user.password);
        await signInWindow.getByRole('button', { name: 'Sign in' }).click();
        await username.waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      } else {
        await allow.click();
        await allow.waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      }
    }
    await tokensReceived(page, 30_000);
    await shows(page.getByText('"sub": "demo-user-0001"').first());
    await screenshot(page, 'electron-02-embedded-tokens');
  });

  it('gets tokens through the loopback listener, signed in in the system browser', async () => {
    await useBrowser(true);
    await fillForm(page, publicClientForm('desktop loopback'));
    await page.getByRole('button', { name: 'Get New Access Token' }).click();
    await hasText(flowStatus(page), 'Waiting for the sign-in');
    let authorizationUrl: string | undefined;
    for (let i = 0; i < 100 && !authorizationUrl; i++) {
      authorizationUrl = await electronApp.evaluate(() => (globalThis as { __pkceOpened?: string[] }).__pkceOpened?.at(-1));
      if (!authorizationUrl) await page.waitForTimeout(100);
    }
    expect(authorizationUrl, 'the app handed the authorization URL to the system browser').toContain(idp.authorizationEndpoint);
    expect(new URL(authorizationUrl!).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    systemBrowser = await launchSystemBrowser();
    const tab = await systemBrowser.newPage();
    await tab.goto(authorizationUrl!);
    await signIn(tab, idp.user);
    await tab.close();

    await tokensReceived(page, 30_000);
    await shows(page.getByText('"sub": "demo-user-0001"').first());
    expect(idp.tokenRequests.at(-1)?.body.code_verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    await screenshot(page, 'electron-03-loopback-tokens');
  });
});
