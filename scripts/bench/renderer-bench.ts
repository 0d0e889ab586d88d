// Goal 2: browser mode in Debian's Chromium (playwright-core), cold loads (a fresh browser context
// each: no cache, no session). Two times to a usable form, and first contentful paint, against a
// floor: a static page holding the same button and the same stylesheet, served by the same server
// from the same folder in the same run, loads alternating. The app's page arrives pre-rendered, its
// controls disabled until React has hydrated them, so "visible" (the **Get New Access Token** button
// drawn) and "interactive" (that button enabled, i.e. a click would be handled) are both measured;
// on the static floor the two are the same moment.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createAppCore } from '../../main/api/create-app-core';
import { compressVariants, ENCODING_SUFFIXES } from '../../main/web/precompress';
import { rendererOpensTabLauncher } from '../../main/web/renderer-launcher';
import { startWebServer } from '../../main/web/server';
import { createMemorySecretStore } from '../../main/store/secret-store';
import { createMemoryKeyStore } from '../../main/keys/key-store';
import { summarize, type Summary } from './stats';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUTTON = 'Get New Access Token';
const FLOOR_PAGE = 'floor.html';

/**
 * Headless Chromium (156) opens a window per fresh context and preloads its omnibox popup's WebUI
 * into it, in two kinds (the plain popup and the "AI mode" one): renderers of their own that a trace
 * showed busy for ~700 ms of the first 800 ms of each load, on a 2-core machine as much CPU as the
 * page under test got. Neither an Electron window nor a browser tab opened in a running browser pays
 * that, so both are switched off for both pages alike. Chromium keeps only the last
 * `--disable-features` it is given, so this one repeats what Playwright's own switches off (its
 * background work: optimization hints, media router, network time queries, search preconnects).
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AimEnabled',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'PaintHolding',
  'PreconnectToSearch',
  'ThirdPartyStoragePartitioning',
];
const OMNIBOX_WEBUI_FEATURES = ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_WEBUI_FEATURES].join(',')}`,
];

export interface PageFigures {
  visibleMs: Summary;
  interactiveMs: Summary;
  fcpMs: Summary;
}

export interface RendererFigures {
  app: PageFigures;
  floor: PageFigures;
}

interface LoadFigures {
  visibleMs: number;
  interactiveMs: number;
  fcpMs: number;
}

/**
 * Runs in the page before its own scripts (injected by the browser, so the page's CSP does not
 * apply). "Visible" is taken in animation frames, the button found in the document and visible
 * (a frame lays the page out anyway: asking then forces no extra layout; asked on every DOM change
 * while the page is parsed, it forced layouts the page would not do and slowed what it measures).
 * "Interactive" is the first moment after that the button is enabled, checked each frame and on
 * every DOM change (hydration enables it by removing one attribute), which needs no layout. A
 * string, as the bench is compiled without the DOM's types.
 */
const WATCH_FOR_BUTTON = `(() => {
  const find = () => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(BUTTON)});
  const checkEnabled = () => {
    if (window.__visibleAt === undefined || window.__interactiveAt !== undefined) return;
    if (!find()?.matches(':disabled')) window.__interactiveAt = performance.now();
  };
  const frame = () => {
    if (window.__visibleAt === undefined && find()?.checkVisibility()) window.__visibleAt = performance.now();
    checkEnabled();
    if (window.__interactiveAt === undefined) requestAnimationFrame(frame);
  };
  new MutationObserver(checkEnabled).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  requestAnimationFrame(frame);
})();`;

/** FCP is reported a frame after the paint: waits for its entry rather than read too early. */
const READ_FIGURES = `new Promise((resolve, reject) => {
  const done = (fcp) => window.__interactiveAt === undefined ? reject(new Error('The button was never seen visible and enabled.')) : resolve({ visibleMs: window.__visibleAt, interactiveMs: window.__interactiveAt, fcpMs: fcp });
  const seen = performance.getEntriesByName('first-contentful-paint')[0];
  if (seen) return done(seen.startTime);
  new PerformanceObserver((list, observer) => {
    observer.disconnect();
    done(list.getEntries()[0].startTime);
  }).observe({ type: 'paint', buffered: true });
})`;

export async function benchRendererPages(rendererDir: string, loads: number): Promise<RendererFigures> {
  const siteDir = await mkdtemp(join(tmpdir(), 'pkce-bench-site-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'pkce-bench-web-'));
  await cp(rendererDir, siteDir, { recursive: true });
  await writeFloorPage(siteDir);
  const core = createAppCore({ dataDir, launcher: rendererOpensTabLauncher, runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore: createMemoryKeyStore() });
  const server = await startWebServer({ handlers: core.handlers, subscribe: core.subscribe, rendererDir: siteDir, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const samples: Record<'app' | 'floor', LoadFigures[]> = { app: [], floor: [] };
    // One untimed load of each first: Chromium's own first-start costs belong to neither page.
    await loadOnce(browser, server.url);
    await loadOnce(browser, `${server.origin}/${FLOOR_PAGE}`);
    for (let i = 0; i < loads; i += 1) {
      // Alternating, and which goes first too, so drift on a busy machine falls on both alike.
      const order = i % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const);
      for (const page of order) {
        samples[page].push(await loadOnce(browser, page === 'app' ? server.url : `${server.origin}/${FLOOR_PAGE}`));
      }
    }
    const figuresOf = (loads: LoadFigures[]): PageFigures => ({
      visibleMs: summarize(loads.map((l) => l.visibleMs)),
      interactiveMs: summarize(loads.map((l) => l.interactiveMs)),
      fcpMs: summarize(loads.map((l) => l.fcpMs)),
    });
    return { app: figuresOf(samples.app), floor: figuresOf(samples.floor) };
  } finally {
    await browser.close();
    await server.close();
    await core.dispose();
    await rm(siteDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function loadOnce(browser: Browser, url: string): Promise<LoadFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_FOR_BUTTON });
    await page.goto(url, { waitUntil: 'load' });
    await page.getByRole('button', { name: BUTTON }).waitFor({ state: 'visible', timeout: 30_000 });
    // A function, not a string: the page's CSP forbids evaluating strings.
    await page.waitForFunction(() => (globalThis as { __interactiveAt?: number }).__interactiveAt !== undefined, undefined, { timeout: 30_000 });
    return (await page.evaluate(READ_FIGURES)) as LoadFigures;
  } finally {
    await context.close();
  }
}

/** The floor: the same button, the same stylesheet, no script. */
async function writeFloorPage(siteDir: string): Promise<void> {
  const index = await readFile(join(siteDir, 'index.html'), 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/.exec(index)?.[0] ?? '';
  const stylesheet = (await readdir(join(siteDir, 'assets'))).find((f) => /^index-.*\.css$/.test(f));
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    ${csp}
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>PKCE Inspector (static floor)</title>
    ${stylesheet ? `<link rel="stylesheet" href="./assets/${stylesheet}" />` : ''}
  </head>
  <body>
    <form class="flow-form"><button type="submit" class="primary">${BUTTON}</button></form>
  </body>
</html>
`;
  await writeFile(join(siteDir, FLOOR_PAGE), html);
  const variants = compressVariants(Buffer.from(html));
  for (const [encoding, suffix] of ENCODING_SUFFIXES) await writeFile(join(siteDir, FLOOR_PAGE + suffix), variants[encoding]);
}
