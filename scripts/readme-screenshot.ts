// Regenerates docs/screenshot-tokens.png, the picture at the top of README.md: browser mode after a
// successful flow against the demo IdP, with the decoded ID token in the Tokens panel next to the form.
// Run with `npm run screenshot:readme`. It walks the app as a user would, through the end-to-end
// helpers: a few profiles from presets, the Local demo IdP one with a confidential client whose secret
// is saved to a private, throwaway keychain (when dbus and gnome-keyring are installed), then a flow.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startDemoIdp, type DemoIdp } from '../demo-idp/provider';
import { missingKeyringTools, startPrivateKeyring, type PrivateKeyring } from '../main/store/test-support/private-keyring';
import { DEMO_IDP_ISSUER } from '../shared/presets';
import { signIn, startFlow, tokensReceived } from '../e2e/support/app-page';
import { startBrowserMode, type RunningBrowserMode } from '../e2e/support/browser-mode';
import { launchChromium, type RunningChromium } from '../e2e/support/chromium';
import { REPO_ROOT } from '../e2e/support/paths';
import { ensureRendererBuilt } from '../e2e/support/renderer-build';

const OUTPUT = join(REPO_ROOT, 'docs', 'screenshot-tokens.png');
const VIEWPORT = { width: 1440, height: 900 };
/** Profiles besides the demo one, so the sidebar looks like someone's working set. */
const OTHER_PRESETS = ['Azure AD / Entra ID (v2.0)', 'Okta'];

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 15_000 });

async function main(): Promise<void> {
  await ensureRendererBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'pkce-screenshot-data-'));
  let keyring: PrivateKeyring | undefined;
  let idp: DemoIdp | undefined;
  let app: RunningBrowserMode | undefined;
  let chromium: RunningChromium | undefined;
  try {
    const missing = missingKeyringTools();
    if (missing.length === 0) keyring = await startPrivateKeyring();
    else console.warn(`No private keychain (missing: ${missing.join(', ')}): the secret is used for the flow only.`);
    [idp, app, chromium] = await Promise.all([startIdp(), startBrowserMode({ dataDir, env: keyring?.env }), launchChromium()]);

    const page = await chromium.context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(app.url);
    await visible(page.getByText('Browser mode'));

    for (const preset of OTHER_PRESETS) await createProfile(page, preset);
    await createProfile(page, 'Local demo IdP');

    const field = (label: string) => page.getByLabel(label, { exact: true });
    const client = idp.clients.confidentialBasic;
    await field('Token Name').fill('Demo IdP · confidential');
    if (idp.issuer !== DEMO_IDP_ISSUER) {
      // Port 9090 was taken: point the preset's URLs at this IdP.
      await field('Auth URL').fill(idp.authorizationEndpoint);
      await field('Access Token URL').fill(idp.tokenEndpoint);
    }
    await field('Client ID').fill(client.clientId);
    await field('Scope').fill('openid profile email');
    await field('Client Authentication').selectOption({ label: 'Send as Basic Auth header' });
    await field('Client Secret').fill(client.clientSecret ?? '');
    // One Save: the settings and the secret (into the keychain when there is one).
    await sidebar(page).getByRole('button', { name: 'Save', exact: true }).click();
    const status = sidebar(page).getByRole('region', { name: 'Current profile' }).getByRole('status');
    await visible(keyring ? page.getByRole('button', { name: 'Replace' }) : status.getByText('Client secret not kept', { exact: false }));

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    await visible(page.getByLabel('JWT payload'));

    // From the top (a full page would show the sticky columns mid-page); no hover, no focus ring.
    await page.evaluate('window.scrollTo(0, 0); document.activeElement?.blur?.()');
    await page.mouse.move(VIEWPORT.width / 2, 2);
    await mkdir(join(REPO_ROOT, 'docs'), { recursive: true });
    await page.screenshot({ path: OUTPUT, fullPage: false });
    console.log(`Wrote ${OUTPUT}`);
  } finally {
    await chromium?.close();
    await app?.stop();
    await idp?.close();
    await keyring?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** On the preset's port 9090 when it is free, so the form shows the URLs the README names. */
async function startIdp(): Promise<DemoIdp> {
  try {
    return await startDemoIdp({ port: Number(new URL(DEMO_IDP_ISSUER).port) });
  } catch {
    return startDemoIdp({ port: 0 });
  }
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Profiles' });

async function createProfile(page: Page, preset: string): Promise<void> {
  await sidebar(page).getByRole('button', { name: 'New…' }).click();
  await sidebar(page).getByLabel('Start from').selectOption({ label: preset });
  await sidebar(page).getByRole('button', { name: 'Create' }).click();
  await visible(sidebar(page).getByRole('button', { name: new RegExp(`^${preset.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`) }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
