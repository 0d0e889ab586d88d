// The bench's Chromium: nothing but the page under test renders beside it. Headless Chromium 156
// preloads omnibox WebUI into every new window; Chromium keeps only the last --disable-features.
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './renderer-bench';

describe('the bench’s Chromium switches', () => {
  it('open no omnibox WebUI (or any other browser UI target) beside the page', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    try {
      const cdp = await browser.newBrowserCDPSession();
      const page = await (await browser.newContext()).newPage();
      await page.goto('data:text/html,<p>bench</p>');
      const seen = new Set<string>();
      // The preload comes shortly after the window opens: watch for a while, not once.
      for (let i = 0; i < 15; i += 1) {
        const { targetInfos } = await cdp.send('Target.getTargets');
        for (const target of targetInfos) if (target.type !== 'page') seen.add(`${target.type} ${target.url}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect([...seen]).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
