// Where a person sees them, in browser mode in Chromium against the demo IdP: the quick start's path
// (New… → Start from → Local demo IdP) ending with a refresh token; Export trace and Copy as curl
// masked unless "Include secrets"; the copied curl replayed with bash and the real curl; a burst of
// refused redirects as one notice; and after a reload, the right panel about one flow.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DemoIdp } from '../demo-idp/provider';
import { demoForm, fillForm, flowStatus, screenshot, signIn, startFlow, tokensReceived } from './support/app-page';
import type { RunningChromium } from './support/chromium';
import { useDemoSession } from './support/demo-session';
import { countIs, hasText, shows } from './support/ui-expect';

const execFileAsync = promisify(execFile);
const session = useDemoSession('results', ({ chromium, app }) => chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin }));
let idp: DemoIdp;
let chromium: RunningChromium;
let page: Page;
beforeAll(async () => {
  ({ idp, chromium, page } = session);
  await shows(page.getByText('Browser mode'));
});

const sidebar = () => page.getByRole('complementary', { name: 'Profiles' });
const field = (label: string) => page.getByLabel(label, { exact: true });
const tabPanel = () => page.getByRole('tabpanel');

async function runFlow(): Promise<void> {
  const tab = await startFlow(chromium.context, page);
  await signIn(tab, idp.user);
  await tab.close();
}

/** The file Export trace downloads, as text. */
async function exportTrace(): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export trace' }).click()]);
  return readFile((await download.path()) as string, 'utf8');
}

describe('results and exports in browser mode', () => {
  it('the quick start: New… → Start from → Local demo IdP, one flow, and a refresh token', async () => {
    await sidebar().getByRole('button', { name: 'New…' }).click();
    await sidebar().getByLabel('Start from').selectOption({ label: 'Local demo IdP' });
    await shows(sidebar().getByText("Don't send code_verifier (negative test)", { exact: false }));
    await sidebar().getByRole('button', { name: 'Create' }).click();
    await vi.waitFor(async () => expect(await field('Scope').inputValue()).toContain('offline_access'), { timeout: 10_000 });
    // The preset points at port 9090; this IdP runs on a free port.
    await field('Auth URL').fill(idp.authorizationEndpoint);
    await field('Access Token URL').fill(idp.tokenEndpoint);
    await runFlow();
    await tokensReceived(page);
    await shows(page.getByRole('button', { name: 'Copy Refresh Token' }));
  });

  it('Export trace is masked; Include secrets puts the code and verifier in, for that one export', async () => {
    const sent = idp.tokenRequests.at(-1)?.body as Record<string, string>;
    expect(sent.code).toBeTruthy();
    await page.getByRole('tab', { name: 'Trace' }).click();
    const masked = await exportTrace();
    expect(masked).not.toContain(sent.code);
    expect(masked).not.toContain(sent.code_verifier);
    expect(masked).toContain('••••••');

    await page.getByLabel('Include secrets').check();
    const clear = await exportTrace();
    expect(clear).toContain(sent.code);
    expect(clear).toContain(sent.code_verifier);
    expect(await page.getByLabel('Include secrets').isChecked()).toBe(false);
    await page.getByRole('tab', { name: 'Tokens' }).click();
  });

  it('Copy as curl with Basic authentication replays with bash and curl, the raw secret in CLIENT_SECRET', async () => {
    const client = idp.clients.confidentialBasic;
    await fillForm(page, demoForm(idp, 'confidentialBasic', { tokenName: 'e2e curl', scope: 'openid' }));
    await runFlow();
    await tokensReceived(page);
    await page.getByRole('tab', { name: 'Trace' }).click();
    await page.getByRole('button', { name: 'Copy as curl' }).click();
    const command = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(command).not.toContain(client.clientSecret);
    expect(command).toContain('"$CLIENT_SECRET"');

    const replay = async (secret: string) => {
      const { stdout } = await execFileAsync('bash', ['-c', command], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CLIENT_SECRET: secret } });
      return JSON.parse(stdout) as { error?: string };
    };
    // The client authenticates (the IdP checks that first); the code was used by the app, and the
    // copy has it masked anyway: invalid_grant. A wrong secret: invalid_client.
    expect((await replay(client.clientSecret as string)).error).toBe('invalid_grant');
    expect((await replay('not-the-secret')).error).toBe('invalid_client');
    await page.getByRole('tab', { name: 'Tokens' }).click();
  });

  it('a burst of forged redirects to the loopback listener is one notice, not one each', async () => {
    await field('Client Secret').fill('');
    await field('Token Name').fill('e2e waiting');
    const signInTab = await startFlow(chromium.context, page);
    await hasText(flowStatus(page), 'Waiting for the sign-in');
    const redirectUri = await page.locator('.flow-status .facts dd').first().innerText();
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${redirectUri}?code=forged&state=forged-state-${i}`);
      expect(res.status).toBe(400);
    }
    const notices = page.locator('.notices').getByRole('alert').filter({ hasText: 'was refused' });
    await countIs(notices, 1);
    await page.waitForTimeout(500);
    await countIs(notices, 1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await hasText(flowStatus(page), 'Cancelled');
    await signInTab.close();
  });

  it('after a reload, the status and the tokens are about the same flow', async () => {
    await fillForm(page, demoForm(idp, 'confidentialBasic', { tokenName: 'e2e wrong secret', clientSecret: 'not-the-secret', scope: 'openid' }));
    await runFlow();
    await hasText(flowStatus(page), 'Failed', 20_000);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await shows(page.getByText('Browser mode'));
    await hasText(flowStatus(page), 'e2e wrong secret');
    await hasText(flowStatus(page), 'Failed');
    await hasText(tabPanel(), '“e2e wrong secret” got no tokens');
    expect(await tabPanel().getByRole('button', { name: 'Copy Access Token' }).count()).toBe(0);
    await screenshot(page, 'results-after-reload');

    // Picking the earlier token moves the whole panel to that flow.
    await tabPanel().getByRole('list', { name: 'Tokens of this session' }).getByRole('button', { name: /e2e curl/ }).click();
    await hasText(flowStatus(page), 'e2e curl');
    await hasText(flowStatus(page), 'Done');
    await shows(tabPanel().getByRole('button', { name: 'Copy Access Token' }));
  });
});
