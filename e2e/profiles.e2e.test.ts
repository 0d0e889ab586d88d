// Saved profiles as a user meets them in browser mode, in a real Chromium: a corrupt profiles file
// reported on start, a profile created from a preset with its placeholders shown, saved with its
// client secret in one Save (a real, private gnome-keyring), the profile surviving a reload, a
// confidential flow with the stored secret, the stored secret refused for another token endpoint, a
// reload warning while a typed secret is unsaved, export, a refused import, and delete. The secret
// never reaches the page, another origin, the data folder or the export.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DemoIdp } from '../demo-idp/provider';
import { sendJson, startLocalServer, type LocalServer } from '../main/flow/test-support/local-server';
import { screenshot, signIn, startFlow, tokensReceived } from './support/app-page';
import type { RunningBrowserMode } from './support/browser-mode';
import type { RunningChromium } from './support/chromium';
import { keyringMissing, useDemoSession } from './support/demo-session';
import { countIs, hasText, shows } from './support/ui-expect';

const missing = keyringMissing('profiles');

const CORRUPT = '{"version": 2, "profiles": [ this is not JSON';

const session = useDemoSession('profiles', { keyring: true, skip: missing, seed: (dir) => writeFile(join(dir, 'profiles.json'), CORRUPT) });
let idp: DemoIdp;
let app: RunningBrowserMode;
let chromium: RunningChromium;
let dataDir: string;
let page: Page;
let consoleErrors: string[];
/** Another token endpoint: it would answer, so only the app's refusal keeps the secret from it. */
let elsewhere: LocalServer;

beforeAll(async () => {
  ({ idp, app, chromium, dataDir, page, consoleErrors } = session);
  if (missing) return;
  elsewhere = await startLocalServer((_req, res) => sendJson(res, 200, { access_token: 'x', token_type: 'Bearer' }));
});

afterAll(async () => {
  await elsewhere?.close();
});

const sidebar = (): Locator => page.getByRole('complementary', { name: 'Profiles' });
const field = (label: string) => page.getByLabel(label, { exact: true });
/** Waits until the input shows `expected` (the form fills in asynchronously after a load). */
const valueIs = (locator: Locator, expected: string) => vi.waitFor(async () => expect(await locator.inputValue()).toBe(expected), { timeout: 10_000, interval: 100 });

describe.skipIf(missing)('profiles in browser mode', () => {
  it('reports the unreadable profiles file and where it was kept', async () => {
    const notice = sidebar().getByRole('alert').filter({ hasText: 'could not be read' });
    await hasText(notice, /profiles\.corrupt-.*\.json/);
    const kept = (await readdir(dataDir)).filter((f) => f.startsWith('profiles.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dataDir, kept[0]!), 'utf8')).toBe(CORRUPT);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('creates a profile from a preset and shows the placeholders to fill in', async () => {
    await sidebar().getByRole('button', { name: 'New…' }).click();
    await sidebar().getByLabel('Start from').selectOption({ label: 'Keycloak' });
    await shows(sidebar().getByText('Valid redirect URIs', { exact: false }));
    await sidebar().getByRole('button', { name: 'Create' }).click();

    await shows(sidebar().getByRole('button', { name: /^Keycloak/ }));
    await valueIs(field('Auth URL'), '{server}/realms/{realm}/protocol/openid-connect/auth');
    const status = sidebar().getByRole('region', { name: 'Current profile' });
    await hasText(status, 'Fill in before starting a flow');
    await shows(status.locator('mark', { hasText: '{realm}' }));
    await screenshot(page, 'profiles-01-from-preset');
  });

  it('saves the settings and the client secret in one Save', async () => {
    const client = idp.clients.confidentialBasic;
    await field('Auth URL').fill(idp.authorizationEndpoint);
    await field('Access Token URL').fill(idp.tokenEndpoint);
    await field('Client ID').fill(client.clientId);
    await field('Client Authentication').selectOption({ label: 'Send as Basic Auth header' });
    await field('Client Secret').fill(client.clientSecret!);
    const status = sidebar().getByRole('region', { name: 'Current profile' }).getByRole('status');
    await hasText(status, 'Unsaved changes');
    await sidebar().getByRole('button', { name: 'Save', exact: true }).click();

    await valueIs(field('Client Secret'), '•••• stored in keychain');
    await hasText(status, /^Saved$/);
    await shows(sidebar().getByRole('button', { name: /Keycloak.*secret in keychain/ }));
    await screenshot(page, 'profiles-02-saved-with-secret');
  });

  it('keeps the profile across a reload and runs a flow with the stored secret', async () => {
    await page.reload();
    await sidebar().getByRole('button', { name: /^Keycloak/ }).click();
    await valueIs(field('Client ID'), idp.clients.confidentialBasic.clientId);
    await valueIs(field('Client Secret'), '•••• stored in keychain');

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    const request = idp.tokenRequests.at(-1)!;
    // The stored secret reached the IdP, in the Basic header (the demo IdP checked it to issue tokens).
    expect(String(request.headers.authorization)).toMatch(/^Basic /);
    expect(request.body.client_secret).toBeUndefined();
    expect(await page.locator('body').innerText()).not.toContain(idp.clients.confidentialBasic.clientSecret!);
  });

  it('refuses to send the stored secret to another token endpoint, and asks for it again at the field', async () => {
    const pagesBefore = chromium.context.pages().length;
    await field('Access Token URL').fill(`${elsewhere.url}/token`);
    await page.getByRole('button', { name: 'Get New Access Token' }).click();
    const refusal = page.locator('#field-clientSecret-refused');
    await hasText(refusal, `this flow would send it to ${elsewhere.url}`);
    await hasText(refusal, 'Enter the secret again');
    expect(await field('Client Secret').getAttribute('type')).toBe('password');
    expect(await field('Client Secret').inputValue()).toBe('');
    await screenshot(page, 'profiles-03-secret-refused');
    expect(elsewhere.requests).toEqual([]);
    expect(chromium.context.pages()).toHaveLength(pagesBefore); // no sign-in tab: no flow was started

    // Back to the saved endpoint: nothing unsaved.
    await field('Access Token URL').fill(idp.tokenEndpoint);
    await hasText(sidebar().getByRole('region', { name: 'Current profile' }).getByRole('status'), /^Saved$/);
  });

  it('asks before a reload loses a typed secret that is not saved', async () => {
    await field('Client Secret').fill('typed-but-not-saved');
    await hasText(sidebar().getByRole('region', { name: 'Current profile' }).getByRole('status'), 'Unsaved changes (client secret)');
    const dialogs: string[] = [];
    page.once('dialog', (d) => void (dialogs.push(d.type()), d.accept()));
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await sidebar().getByRole('button', { name: /^Keycloak/ }).click();
    await valueIs(field('Client Secret'), '•••• stored in keychain');
  });

  it('exports the profiles as a JSON file without the secret', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), sidebar().getByRole('button', { name: 'Export all' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pkce-inspector-keycloak-\d{4}-\d{2}-\d{2}\.json$/);
    const json = await readFile((await download.path())!, 'utf8');
    expect(JSON.parse(json)).toMatchObject({ format: 'pkce-inspector/profiles', version: 3, profiles: [{ name: 'Keycloak', settings: { clientId: idp.clients.confidentialBasic.clientId } }] });
    expect(json).not.toContain(idp.clients.confidentialBasic.clientSecret!);
  });

  it('refuses an invalid import, naming the field, and imports nothing', async () => {
    const bad = JSON.stringify({ version: 2, profiles: [{ name: 'Broken', settings: { codeChallengeMethod: 'MD5' } }] });
    await sidebar().getByLabel('Profiles file to import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const error = sidebar().getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await hasText(error, 'profiles[0].settings.codeChallengeMethod');
    await screenshot(page, 'profiles-04-import-refused');
    await countIs(sidebar().locator('.profile-list > li'), 1);
    await error.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('deletes the profile after confirmation, and the secret was never written to the data folder', async () => {
    page.once('dialog', (d) => void d.accept());
    await sidebar().getByRole('button', { name: 'Actions for Keycloak' }).or(sidebar().getByText('⋯')).first().click();
    await sidebar().getByRole('group', { name: 'Keycloak actions' }).getByRole('button', { name: 'Delete' }).click();
    await countIs(sidebar().locator('.profile-list > li'), 0);

    const secret = idp.clients.confidentialBasic.clientSecret!;
    for (const f of await readdir(dataDir)) expect(await readFile(join(dataDir, f), 'utf8'), f).not.toContain(secret);
    expect(app.output()).not.toContain(secret);
  });

  it('ran without a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
