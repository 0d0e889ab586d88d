// One browser-mode session against the demo IdP for an end-to-end test file: the demo IdP, browser
// mode on a fresh data folder, Chromium, and a page open at the app; started before the file's tests
// and stopped after them. The returned object is filled in by the time the tests run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { startBrowserMode, type RunningBrowserMode } from './browser-mode';
import { launchChromium, type RunningChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

export interface DemoSession {
  idp: DemoIdp;
  app: RunningBrowserMode;
  chromium: RunningChromium;
  dataDir: string;
  page: Page;
}

/**
 * `name` names the data folder (`pkce-e2e-<name>-…`), so a leftover one tells which file left it;
 * `beforeGoto` runs once the page exists, before it opens the app (permissions, console listeners).
 */
export function useDemoSession(name: string, beforeGoto?: (session: DemoSession) => Promise<void> | void): DemoSession {
  const session = {} as DemoSession;
  beforeAll(async () => {
    await ensureRendererBuilt();
    session.dataDir = await mkdtemp(join(tmpdir(), `pkce-e2e-${name}-`));
    [session.idp, session.app, session.chromium] = await Promise.all([startDemoIdp({ port: 0 }), startBrowserMode({ dataDir: session.dataDir }), launchChromium()]);
    session.page = await session.chromium.context.newPage();
    await beforeGoto?.(session);
    await session.page.goto(session.app.url);
  });
  afterAll(async () => {
    await session.chromium?.close();
    await session.app?.stop();
    await session.idp?.close();
    if (session.dataDir) await rm(session.dataDir, { recursive: true, force: true });
  });
  return session;
}
