// ID token validation as a user sees it in browser mode: a profile carrying the IdP's Issuer, the
// JWKS URI typed under Advanced, a flow against the real demo IdP, then the token list's
// "ID token valid" badge and the ID Token Validation panel, row by row.
// (Discover fills the keys' URL from the metadata: e2e/browser-mode.e2e.test.ts; this test types
// JWKS URI itself, the way for an IdP without discovery.)
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoIdp } from '../demo-idp/provider';
import { DEFAULT_LOOPBACK_CALLBACK } from '../shared/app-identity';
import { screenshot, signIn, startFlow, tokensReceived } from './support/app-page';
import { SCREENSHOT_DIR } from './support/paths';
import type { RunningChromium } from './support/chromium';
import { useDemoSession } from './support/demo-session';
import { hasText, shows } from './support/ui-expect';

const session = useDemoSession('oidc');
let idp: DemoIdp;
let chromium: RunningChromium;
let page: Page;
let consoleErrors: string[];
beforeAll(() => {
  ({ idp, chromium, page, consoleErrors } = session);
});

const sidebar = (): Locator => page.getByRole('complementary', { name: 'Profiles' });
const field = (label: string) => page.getByLabel(label, { exact: true });

/** The verdict cell of one check in a validation panel. */
function verdictOf(panel: Locator, check: string): Locator {
  return panel.getByRole('row').filter({ has: page.getByRole('rowheader', { name: check, exact: true }) }).getByRole('cell').first();
}

describe('ID token validation in browser mode', () => {
  it('validates the ID token of a flow against the IdP keys and issuer: ID token valid', async () => {
    const profile = {
      name: 'Demo OIDC',
      settings: {
        tokenName: 'e2e validated',
        issuer: idp.issuer,
        authUrl: idp.authorizationEndpoint,
        accessTokenUrl: idp.tokenEndpoint,
        clientId: idp.clients.public.clientId,
        scope: 'openid profile email',
        callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      },
    };
    await sidebar().getByLabel('Profiles file to import').setInputFiles({ name: 'demo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 3, profiles: [profile] })) });
    await sidebar().getByRole('button', { name: /^Demo OIDC/ }).click();
    await expect.poll(() => field('Client ID').inputValue()).toBe(idp.clients.public.clientId);

    await page.getByText('Advanced', { exact: true }).click();
    await field('JWKS URI').fill(idp.jwksUri);
    await expect.poll(() => field('Clock skew (seconds)').inputValue()).toBe('60');

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);

    const entry = page.getByRole('list', { name: 'Tokens of this session' }).getByRole('button', { name: /e2e validated/ });
    await hasText(entry, 'ID token valid');
    const panel = page.getByRole('region', { name: 'ID Token Validation' });
    await shows(panel);
    await hasText(verdictOf(panel, 'Signature'), /^pass$/);
    await hasText(verdictOf(panel, 'Issuer (iss)'), /^pass$/);
    await hasText(verdictOf(panel, 'Audience (aud)'), /^pass$/);
    await hasText(verdictOf(panel, 'Nonce'), /^pass$/);
    await hasText(verdictOf(panel, 'Not before (nbf)'), /^not checked$/);
    await hasText(panel, `RS256 signature verified with key kid`);
    await hasText(panel, `iss "${idp.issuer}" equals the issuer`);
    expect(await panel.getByRole('row').count()).toBe(12); // a header row and 11 checks
    await screenshot(page, 'oidc-01-id-token-valid');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOT_DIR, 'oidc-01-validation-panel.png') });
  });

  it('says ID token invalid when a check fails, and still shows the token', async () => {
    // A profile whose Issuer is not the IdP's: without metadata the redirect's iss is only a warning,
    // and the ID token's iss then fails its row.
    const imported = { name: 'Other issuer', settings: { tokenName: 'e2e wrong issuer', issuer: `${idp.issuer}/other`, authUrl: idp.authorizationEndpoint, accessTokenUrl: idp.tokenEndpoint, clientId: idp.clients.public.clientId, scope: 'openid', callbackUrl: DEFAULT_LOOPBACK_CALLBACK, jwksUri: idp.jwksUri } };
    await sidebar().getByLabel('Profiles file to import').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 3, profiles: [imported] })) });
    page.once('dialog', (d) => void d.accept()); // leave the first profile's unsaved JWKS URI
    await sidebar().getByRole('button', { name: /^Other issuer/ }).click();
    await expect.poll(() => field('Token Name').inputValue()).toBe('e2e wrong issuer');

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);

    const entry = page.getByRole('list', { name: 'Tokens of this session' }).getByRole('button', { name: /e2e wrong issuer/ });
    await hasText(entry, 'ID token invalid');
    const panel = page.getByRole('region', { name: 'ID Token Validation' });
    await hasText(verdictOf(panel, 'Issuer (iss)'), /^fail$/);
    await hasText(verdictOf(panel, 'Signature'), /^pass$/);
    await shows(page.getByText('ID Token', { exact: true }));
    await screenshot(page, 'oidc-02-id-token-invalid');
  });

  it('ran without a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
