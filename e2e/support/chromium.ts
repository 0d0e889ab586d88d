// A real Chromium from the system (Debian's `chromium`), driven by playwright-core: no browser is
// downloaded. Each run gets a fresh profile folder, removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface RunningChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** `ignoreHTTPSErrors`: for an IdP served with a test CA's certificate (the browser only; the app verifies it). */
export async function launchChromium(options: { ignoreHTTPSErrors?: boolean } = {}): Promise<RunningChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'pkce-e2e-chromium-'));
  // launchPersistentContext passes --user-data-dir itself: that is the fresh profile.
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, ...options });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
