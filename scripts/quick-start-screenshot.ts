// Regenerates docs/screenshot-quick-start.png, the README quick start's picture: where the presets
// are (the sidebar's New… → Start from), with the Local demo IdP preset chosen and its notes shown.
// Run with `npx tsx scripts/quick-start-screenshot.ts`; like scripts/readme-screenshot.ts it walks
// browser mode in Debian's Chromium through the end-to-end helpers, on a throwaway data folder.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { missingKeyringTools, startPrivateKeyring, type PrivateKeyring } from '../main/store/test-support/private-keyring';
import { startBrowserMode, type RunningBrowserMode } from '../e2e/support/browser-mode';
import { launchChromium, type RunningChromium } from '../e2e/support/chromium';
import { REPO_ROOT } from '../e2e/support/paths';
import { ensureRendererBuilt } from '../e2e/support/renderer-build';

const OUTPUT = join(REPO_ROOT, 'docs', 'screenshot-quick-start.png');
const VIEWPORT = { width: 1440, height: 900 };

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 15_000 });

async function main(): Promise<void> {
  await ensureRendererBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'pkce-screenshot-data-'));
  let keyring: PrivateKeyring | undefined;
  let app: RunningBrowserMode | undefined;
  let chromium: RunningChromium | undefined;
  try {
    // A private, throwaway keychain when the tools are there, so the form shows no keychain warning.
    if (missingKeyringTools().length === 0) keyring = await startPrivateKeyring();
    [app, chromium] = await Promise.all([startBrowserMode({ dataDir, env: keyring?.env }), launchChromium()]);
    const page = await chromium.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(app.url);
    await visible(page.getByText('Browser mode'));

    const sidebar = page.getByRole('complementary', { name: 'Profiles' });
    await sidebar.getByRole('button', { name: 'New…' }).click();
    await sidebar.getByLabel('Start from').selectOption({ label: 'Local demo IdP' });
    await visible(sidebar.getByText('npm run demo-idp'));

    await page.evaluate('window.scrollTo(0, 0); document.activeElement?.blur?.()');
    await page.mouse.move(VIEWPORT.width / 2, 2);
    await mkdir(join(REPO_ROOT, 'docs'), { recursive: true });
    await page.screenshot({ path: OUTPUT, fullPage: false });
    console.log(`Wrote ${OUTPUT}`);
  } finally {
    await chromium?.close();
    await app?.stop();
    await keyring?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
