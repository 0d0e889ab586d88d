// Importing a Postman collection with its environment through the sidebar in browser mode, in a real
// Chromium: the preview (profiles to create, what was not mapped and why, what was skipped), the
// client secret stored in a real (private) keyring on one confirmation and never in the data folder,
// the imported profile opening in the form; a broken file refused with where and why; and a file
// dropped on the profile list.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURES } from '../main/import/test-support';
import { screenshot, whileAppHeldBack } from './support/app-page';
import type { RunningBrowserMode } from './support/browser-mode';
import { keyringMissing, useBrowserSession } from './support/demo-session';
import { countIs, hasText, shows } from './support/ui-expect';

const missing = keyringMissing('import');

const COLLECTION = join(FIXTURES, 'postman', 'payments-api.postman_collection.json');
const ENVIRONMENT = join(FIXTURES, 'postman', 'payments-staging.postman_environment.json');
const LEGACY = join(FIXTURES, 'postman', 'legacy.postman_collection_v2.0.json');
const SECRET = 'staging-Secret+/=%-from-postman';

const session = useBrowserSession('import', { keyring: true, skip: missing });
let app: RunningBrowserMode;
let dataDir: string;
let page: Page;
let consoleErrors: string[];
beforeAll(() => {
  ({ app, dataDir, page, consoleErrors } = session);
});

const sidebar = (): Locator => page.getByRole('complementary', { name: 'Profiles' });
const dialog = (): Locator => page.getByRole('dialog', { name: 'Import preview' });

describe.skipIf(missing)('import from Postman in browser mode', () => {
  it('shows a preview of the collection with its environment before anything is written', async () => {
    await sidebar().getByRole('button', { name: 'Import…' }).waitFor();
    await sidebar().getByLabel('Profiles file to import').setInputFiles([COLLECTION, ENVIRONMENT]);
    await shows(dialog());
    await hasText(dialog(), 'Postman collection v2.1 "Payments API" with environment "Payments staging"');
    const drafts = dialog().getByRole('region', { name: 'Profiles to create' }).getByRole('listitem', { name: /^Payments API/ });
    await countIs(drafts, 3);
    const exportDraft = dialog().getByRole('listitem', { name: 'Payments API / Admin / Reports / Export' });
    await hasText(exportDraft.getByRole('list', { name: /^Not mapped in/ }), '{{admin_scope}} has no value in the file');
    await hasText(exportDraft, 'grant_type');
    await hasText(dialog().getByRole('listitem', { name: 'Payments API / Payments / Refund' }), 'Identical settings also in: Payments API / Refund (copy)');
    await hasText(dialog().getByRole('region', { name: 'Not imported' }), 'Machine token');
    await screenshot(page, 'import-01-preview');
    // Nothing was written yet.
    await expect(readFile(join(dataDir, 'profiles.json'), 'utf8')).rejects.toThrow();
  });

  it('imports the chosen profiles, storing the client secret in the keychain on one confirmation', async () => {
    await dialog().getByRole('checkbox', { name: 'Payments API', exact: true }).uncheck();
    await dialog().getByRole('checkbox', { name: /client secret found in the file in the OS keychain/ }).check();
    await dialog().getByRole('button', { name: 'Import' }).click();
    await hasText(sidebar().getByRole('status'), 'Imported 2 profiles. 1 client secret stored in the keychain.');
    await countIs(sidebar().locator('.profile-list > li'), 2);
    await shows(sidebar().getByRole('button', { name: /^Payments API \/ Payments \/ Refund.*secret in keychain/ }));

    const file = await readFile(join(dataDir, 'profiles.json'), 'utf8');
    expect(JSON.parse(file).profiles.map((p: { name: string }) => p.name).sort()).toEqual(['Payments API / Admin / Reports / Export', 'Payments API / Payments / Refund']);
    expect(file).not.toContain(SECRET);
    expect(app.output()).not.toContain(SECRET);
  });

  it('opens an imported profile in the form', async () => {
    await sidebar().getByRole('button', { name: /^Payments API \/ Payments \/ Refund/ }).click();
    await vi.waitFor(async () => expect(await page.getByLabel('Client ID', { exact: true }).inputValue()).toBe('0oa1payments-staging'), { timeout: 10_000, interval: 100 });
    expect(await page.getByLabel('Auth URL', { exact: true }).inputValue()).toBe('https://login.example.com/oauth2/default/v1/authorize');
    expect(await page.content()).not.toContain(SECRET);
  });

  it('refuses a broken collection naming where and why, and imports nothing', async () => {
    const broken = JSON.stringify({ info: { name: 'B', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'F', item: 7 }] });
    await sidebar().getByLabel('Profiles file to import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    const alert = sidebar().getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await hasText(alert, 'broken.json: item[0].item');
    await countIs(sidebar().locator('.profile-list > li'), 2);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('takes a collection dropped on the profile list', async () => {
    await dropOnProfileList('legacy.postman_collection.json', await readFile(LEGACY, 'utf8'));
    await hasText(dialog(), 'Postman collection v2.0 "Legacy Orders"');
    await dialog().getByRole('button', { name: 'Import' }).click();
    await shows(sidebar().getByRole('button', { name: /^Legacy Orders \/ Orders \/ Get order/ }));
    expect(consoleErrors).toEqual([]);
  });

  it('loses nothing dropped or chosen before the app has taken the pre-rendered page over', async () => {
    const text = await readFile(LEGACY, 'utf8');
    await whileAppHeldBack(page, async (release) => {
      await dropOnProfileList('early.postman_collection.json', text);
      expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:/); // the browser did not open the dropped file instead
      release();
      await hasText(dialog(), 'Postman collection v2.0 "Legacy Orders"');
      await dialog().getByRole('button', { name: 'Cancel' }).click();
    });
    await whileAppHeldBack(page, async (release) => {
      // setInputFiles checks no disabled state: the file input only exists once the app is live, so it waits.
      expect(await sidebar().getByLabel('Profiles file to import').count()).toBe(0);
      const chosen = sidebar().getByLabel('Profiles file to import').setInputFiles([COLLECTION, ENVIRONMENT]);
      release();
      await chosen;
      await hasText(dialog(), 'Postman collection v2.1 "Payments API"');
      await dialog().getByRole('button', { name: 'Cancel' }).click();
    });
    expect(consoleErrors).toEqual([]);
  });
});

/** A file dragged onto the profile list and dropped, as the browser would deliver it. */
async function dropOnProfileList(name: string, text: string): Promise<void> {
  // Written as page code (this project's Node types have no DOM): a DataTransfer holding the file.
  const transfer = await page.evaluateHandle(`(() => {
    const data = new DataTransfer();
    data.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'application/json' }));
    return data;
  })()`);
  await sidebar().dispatchEvent('dragover', { dataTransfer: transfer });
  await sidebar().dispatchEvent('drop', { dataTransfer: transfer });
}
