// "Test PKCE enforcement" in browser mode, in a real Chromium against the demo IdP: the app opens a
// tab for each case's sign-in (the user signs in once; the IdP session carries), the report table
// fills in, and the Markdown report downloads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoIdp } from '../demo-idp/provider';
import { demoForm, fillForm, screenshot } from './support/app-page';
import type { RunningChromium } from './support/chromium';
import { useDemoSession } from './support/demo-session';
import { SCREENSHOT_DIR } from './support/paths';
import { shows } from './support/ui-expect';

const session = useDemoSession('probe');
let idp: DemoIdp;
let chromium: RunningChromium;
let page: Page;
beforeAll(() => {
  ({ idp, chromium, page } = session);
});

/** Plays the user in each tab the app opens: signs in and consents when the IdP asks, else lets it redirect. */
async function actInTab(tab: Page): Promise<void> {
  const username = tab.getByLabel('Username', { exact: true });
  const allow = tab.getByRole('button', { name: 'Allow' });
  for (let step = 0; step < 4; step++) {
    await tab.waitForLoadState('domcontentloaded');
    if (!tab.url().startsWith(idp.issuer)) return; // at the app's callback (tokens or an error)
    if (await username.isVisible()) {
      await username.fill(idp.user.login);
      await tab.getByLabel('Password', { exact: true }).fill(idp.user.password);
      await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: 'Sign in' }).click()]);
    } else if (await allow.isVisible()) {
      await Promise.all([tab.waitForNavigation(), allow.click()]);
    } else {
      await tab.waitForNavigation({ timeout: 5_000 }).catch(() => undefined);
    }
  }
}

describe('Test PKCE enforcement in browser mode', () => {
  it('runs every case against the demo IdP (one sign-in) and exports the Markdown report', async () => {
    await fillForm(page, demoForm(idp, 'public', { tokenName: 'e2e probe', scope: 'openid profile' }));
    const tabs: Promise<void>[] = [];
    chromium.context.on('page', (tab) => {
      tabs.push(tab.waitForURL((u) => u.href !== 'about:blank').then(() => actInTab(tab)).catch(() => undefined));
    });
    await page.getByRole('button', { name: 'Test PKCE enforcement' }).click();
    await shows(page.getByRole('status').filter({ hasText: /Case \d+[ab]? \(of 1–10\)/ }));
    await shows(page.getByText('Done.', { exact: true }), 80_000);
    await Promise.all(tabs);

    const table = page.getByRole('table', { name: 'PKCE enforcement cases' });
    const verdicts = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.children[0]?.textContent, r.children[3]?.textContent]));
    expect(Object.fromEntries(verdicts)).toEqual({ '1': 'pass', '2': 'pass', '3': 'pass', '4': 'pass', '5': 'pass', '6': 'pass', '7': 'pass', '7b': 'info', '8': 'pass', '9': 'pass', '9b': 'info', '10a': 'pass', '10b': 'pass', '10c': 'pass' });
    await screenshot(page, 'probe-report');
    // The README's picture of a report.
    await page.locator('.probe-panel').screenshot({ path: join(SCREENSHOT_DIR, 'probe-report-panel.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Markdown' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pkce-report-127\.0\.0\.1-\d+-.*\.md$/);
    const md = await readFile((await download.path()) as string, 'utf8');
    expect(md).toContain(`- IdP: ${idp.issuer}`);
    expect(md).toContain(`- Client: ${idp.clients.public.clientId} (public)`);
    expect(md).toMatch(/\| 2 \| Wrong verifier \| .* \| `pass` \| RFC 7636 4\.6 \|/);
    expect(md).toContain('### Case 1: Correct verifier (control)');
  });
});
