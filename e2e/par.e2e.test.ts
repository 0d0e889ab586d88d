// Use PAR in browser mode and a real Chromium against the demo IdP (oidc-provider 9 accepts pushed
// requests at /request): Discover finds the PAR endpoint, the sign-in tab gets only client_id and
// request_uri, tokens arrive, and the flow and its trace show the push.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoIdp } from '../demo-idp/provider';
import { DEFAULT_LOOPBACK_CALLBACK } from '../shared/app-identity';
import { fillForm, signIn, startFlow, tokensReceived } from './support/app-page';
import type { RunningChromium } from './support/chromium';
import { useDemoSession } from './support/demo-session';
import { hasText, shows } from './support/ui-expect';

const session = useDemoSession('par');
let idp: DemoIdp;
let chromium: RunningChromium;
let page: Page;
beforeAll(() => {
  ({ idp, chromium, page } = session);
});

describe('Use PAR in Chromium', () => {
  it('pushes the authorization request, opens the IdP with a request_uri only, and gets tokens', async () => {
    const client = idp.clients.confidentialBasic;
    await fillForm(page, {
      tokenName: 'e2e PAR',
      authUrl: '',
      accessTokenUrl: '',
      clientId: client.clientId,
      clientSecret: client.clientSecret!,
      scope: 'openid profile',
      callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      clientAuthentication: 'Send as Basic Auth header',
    });
    await page.getByLabel('Issuer', { exact: true }).fill(idp.issuer);
    await page.getByRole('button', { name: 'Discover' }).click();
    await hasText(page.getByRole('status').filter({ hasText: 'Discovered from' }), 'filled from the metadata');
    await page.getByText('Advanced', { exact: true }).click();
    await page.getByLabel('Use PAR', { exact: true }).check();
    await expect(page.getByLabel('PAR URL', { exact: true }).getAttribute('placeholder')).resolves.toBe(`${idp.issuer}/request`);

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    await hasText(page.locator('.flow-status'), /request_uri expires in 60 s/);

    await page.getByRole('tab', { name: 'Trace' }).click();
    await shows(page.getByRole('heading', { name: 'Pushed authorization request (PAR)' }));
    await shows(page.getByRole('heading', { name: 'PAR response' }));
    const authorization = page.locator('li.trace-authorization_request');
    await hasText(authorization, /request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A/);
    expect(await authorization.textContent()).not.toContain('code_challenge');
    await hasText(page.locator('li.trace-par_request'), 'code_challenge');
    await page.getByRole('tab', { name: 'Tokens' }).click();
  });
});
