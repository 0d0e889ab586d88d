// The whole path a user walks in browser mode: `npm run web` (spawned), the app in a real Chromium,
// the form filled by its labels, sign-in at a real oidc-provider in the tab the app opens, and the
// tokens, trace and errors as the app shows them.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoClientKey } from '../demo-idp/config';
import type { DemoIdp } from '../demo-idp/provider';
import { demoForm, fillForm, flowStatus, screenshot, signIn, startFlow, tokensReceived, whileAppHeldBack, type FormValues } from './support/app-page';
import type { RunningBrowserMode } from './support/browser-mode';
import { countIs, hasText, hasValue, shows } from './support/ui-expect';
import type { RunningChromium } from './support/chromium';
import { useDemoSession } from './support/demo-session';
import { freePort } from './support/foreign-idp';

const session = useDemoSession('browser-mode');
let idp: DemoIdp;
let app: RunningBrowserMode;
let chromium: RunningChromium;
let page: Page;
let consoleErrors: string[];
beforeAll(() => {
  ({ idp, app, chromium, page, consoleErrors } = session);
});

const formFor = (client: DemoClientKey, overrides: Partial<FormValues> = {}) => demoForm(idp, client, overrides);

describe('browser mode in Chromium', () => {
  it('opens from the printed URL, then hides the token from the address bar', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    await shows(page.getByText('Browser mode'));
    expect(page.url()).toBe(`${app.origin}/`);
    // The start line is the only place the token was printed.
    expect(app.output().split(app.token).length - 1).toBe(1);
    await screenshot(page, '01-empty-form');
  });

  it('gets tokens for a confidential client: sign-in in a new tab, decoded ID token, trace', async () => {
    await fillForm(page, formFor('confidentialBasic'));
    await screenshot(page, '02-filled-form');
    const tab = await startFlow(chromium.context, page);
    expect(tab.url()).toContain(idp.issuer);
    await signIn(tab, idp.user, (login) => screenshot(login, '03-idp-login'));
    await shows(tab.getByRole('heading', { name: 'Sign-in received' }));
    await tab.close();

    await tokensReceived(page);
    await shows(page.getByLabel('JWT payload').first());
    await shows(page.getByText('"sub": "demo-user-0001"').first());
    await screenshot(page, '04-tokens');

    const request = idp.tokenRequests.at(-1)!;
    expect(String(request.headers.authorization)).toMatch(/^Basic /);
    expect(request.body.code_verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);

    await page.getByRole('tab', { name: 'Trace' }).click();
    await shows(page.getByRole('heading', { name: 'Authorization request' }));
    await shows(page.getByRole('heading', { name: 'Redirect received' }));
    await shows(page.getByRole('heading', { name: 'Token request' }));
    await shows(page.getByRole('heading', { name: 'Token response' }));
    // The secret went to the IdP but never to the page.
    expect(await page.locator('body').innerText()).not.toContain(idp.clients.confidentialBasic.clientSecret!);
    await screenshot(page, '05-trace');
    await page.getByRole('tab', { name: 'Tokens' }).click();
  });

  it("shows the IdP's invalid_client and what it means when the client secret is wrong", async () => {
    await fillForm(page, formFor('confidentialBasic', { tokenName: 'e2e wrong secret', clientSecret: 'not-the-secret' }));
    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();

    await hasText(flowStatus(page), 'Failed', 20_000);
    const error = page.locator('.flow-status').getByRole('alert');
    await hasText(error, 'invalid_client');
    await hasText(error, 'Client authentication failed');
    await hasText(error, 'Client Authentication');
    await screenshot(page, '06-invalid-client');
  });

  it('cancelling a flow leaves the app usable: the next flow succeeds', async () => {
    await fillForm(page, formFor('public', { tokenName: 'e2e cancelled' }));
    const abandoned = await startFlow(chromium.context, page);
    await hasText(flowStatus(page), 'Waiting for the sign-in');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await hasText(flowStatus(page), 'Cancelled');
    await screenshot(page, '07-cancelled');
    await abandoned.close();

    await fillForm(page, formFor('public', { tokenName: 'e2e after cancel' }));
    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await hasText(flowStatus(page), 'e2e after cancel');
    await tokensReceived(page);
  });

  it('a public client gets tokens with no client authentication at all', async () => {
    const before = idp.tokenRequests.length;
    await fillForm(page, formFor('public', { tokenName: 'e2e public' }));
    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);

    const requests = idp.tokenRequests.slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(requests[0]!.body.client_secret).toBeUndefined();
    expect(requests[0]!.body.client_id).toBe(idp.clients.public.clientId);
    await screenshot(page, '08-public-client');
  });

  it('keeps working after a reload (token kept for the tab) and shows earlier flows', async () => {
    await page.reload();
    await shows(page.getByText('Browser mode'));
    await page.getByRole('tab', { name: 'Trace' }).click();
    await countIs(page.getByLabel('Flow', { exact: true }).locator('option'), 5);
  });

  it('a click on Advanced before the app has taken the page over waits for it, then opens it', async () => {
    const advanced = page.getByText('Advanced', { exact: true });
    const audience = page.getByLabel('Audience', { exact: true });
    await whileAppHeldBack(page, async (release) => {
      // Not toggled behind React's back: the click does not land while nothing listens.
      await expect(advanced.click({ timeout: 700 })).rejects.toThrow();
      expect(await audience.isVisible()).toBe(false);
      const click = advanced.click();
      release();
      await click;
    });
    await shows(audience);
    await expect.poll(() => audience.isEnabled()).toBe(true);
    await advanced.click();
    await expect.poll(() => audience.isVisible()).toBe(false);
  });

  it('refuses API calls from another origin, even one that knows the token', async () => {
    const foreign = await chromium.context.newPage();
    await foreign.goto(idp.issuer + '/.well-known/openid-configuration');
    const outcome = await foreign.evaluate(
      async ({ origin, token }) => {
        try {
          const response = await fetch(`${origin}/api/listProfiles`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
          return `HTTP ${response.status}`;
        } catch (err) {
          return `blocked: ${String(err)}`;
        }
      },
      { origin: app.origin, token: app.token },
    );
    // The preflight carries the foreign Origin, the server answers 403 without CORS headers, and the
    // browser never sends the call itself.
    expect(outcome).toMatch(/^blocked: TypeError/);
    await foreign.close();
  });

  it('Discover: type the Issuer, press Discover, and Auth URL and Access Token URL are filled; a flow then gets tokens: ID token valid', async () => {
    const label = (name: string) => page.getByLabel(name, { exact: true });
    await fillForm(page, formFor('public', { tokenName: 'e2e discovered', authUrl: '', accessTokenUrl: '' }));
    // An issuer where nothing listens: the error is said at the Issuer, nothing is filled.
    const closed = await freePort();
    await label('Issuer').fill(`http://127.0.0.1:${closed}/`);
    await page.getByRole('button', { name: 'Discover' }).click();
    await hasText(page.getByRole('alert').filter({ hasText: 'Discover failed' }), `Nothing is listening at 127.0.0.1:${closed}`);
    await hasValue(label('Auth URL'), '');

    await label('Issuer').fill(idp.issuer);
    await page.getByRole('button', { name: 'Discover' }).click();
    await hasText(page.getByRole('status').filter({ hasText: 'Discovered from' }), 'Auth URL and Access Token URL filled from the metadata');
    await hasValue(label('Auth URL'), idp.authorizationEndpoint);
    await hasValue(label('Access Token URL'), idp.tokenEndpoint);
    await page.getByText('Metadata', { exact: true }).click();
    await hasText(page.getByLabel('Metadata document'), `"jwks_uri": "${idp.jwksUri}"`);
    await page.getByText('Discovery trace', { exact: true }).click();
    await shows(page.getByRole('heading', { name: 'Discovery response' }));
    await screenshot(page, '10-discovered');

    const tab = await startFlow(chromium.context, page);
    expect(tab.url()).toContain(idp.issuer);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    // The discovered issuer and jwks_uri are what the ID token is checked against.
    await page.getByRole('tab', { name: 'Tokens' }).click();
    await hasText(page.getByRole('list', { name: 'Tokens of this session' }).getByRole('button', { name: /e2e discovered/ }), 'ID token valid');
  });

  it('ran under the strict CSP without a single console error', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('refuses a page opened without the token, saying how to get in', async () => {
    // sessionStorage belongs to one tab: a new tab at the bare origin has no token.
    const bare = await chromium.context.newPage();
    await bare.goto(app.origin);
    await hasText(bare.getByRole('alert'), '#token=');
    await screenshot(bare, '09-no-token');
    await bare.close();
  });
});
