// The set-up the README's screenshots share: browser mode on a throwaway data folder (with a private,
// throwaway keychain when dbus and gnome-keyring are installed), Debian's Chromium at the README's size
// in light mode, and a shot from the top with no hover or focus ring. Each script only walks its scene.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { missingKeyringTools, startPrivateKeyring, type PrivateKeyring } from '../main/store/test-support/private-keyring';
import { startBrowserMode, type RunningBrowserMode } from '../e2e/support/browser-mode';
import { launchChromium, type RunningChromium } from '../e2e/support/chromium';
import { REPO_ROOT } from '../e2e/support/paths';
import { ensureRendererBuilt } from '../e2e/support/renderer-build';

const VIEWPORT = { width: 1440, height: 900 };

export const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 15_000 });

export interface Scene {
  page: Page;
  context: BrowserContext;
  /** Undefined when the keychain tools are missing: the app then runs without a keychain. */
  keyring: PrivateKeyring | undefined;
}

/**
 * Opens the app, lets `scene` bring it to the state to show, and writes the shot to `output`, a path
 * under the repository (e.g. `docs/screenshot-tokens.png`). Confirmation dialogs are accepted.
 */
export async function writeScreenshot(output: string, scene: (scene: Scene) => Promise<void>): Promise<void> {
  await ensureRendererBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'pkce-screenshot-data-'));
  let keyring: PrivateKeyring | undefined;
  let app: RunningBrowserMode | undefined;
  let chromium: RunningChromium | undefined;
  try {
    const missing = missingKeyringTools();
    if (missing.length === 0) keyring = await startPrivateKeyring();
    else console.warn(`No private keychain (missing: ${missing.join(', ')}): the app runs without one, and keeps no secret.`);
    [app, chromium] = await Promise.all([startBrowserMode({ dataDir, env: keyring?.env }), launchChromium()]);

    const page = await chromium.context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(app.url);
    await visible(page.getByText('Browser mode'));

    await scene({ page, context: chromium.context, keyring });

    // From the top (a full page would show the sticky columns mid-page); no hover, no focus ring.
    await page.evaluate('window.scrollTo(0, 0); document.activeElement?.blur?.()');
    await page.mouse.move(VIEWPORT.width / 2, 2);
    const path = join(REPO_ROOT, output);
    await mkdir(dirname(path), { recursive: true });
    await page.screenshot({ path, fullPage: false });
    console.log(`Wrote ${path}`);
  } finally {
    await chromium?.close();
    await app?.stop();
    await keyring?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
