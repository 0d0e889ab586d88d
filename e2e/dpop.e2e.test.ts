// DPoP in browser mode, in a real Chromium against the demo IdP (oidc-provider 9): tick DPoP, see the
// key's thumbprint, get DPoP-bound tokens (the binding shown, the code bound with dpop_jkt), call
// UserInfo with the bound token, and find each proof decoded in the trace.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoIdp } from '../demo-idp/provider';
import { DEFAULT_LOOPBACK_CALLBACK } from '../shared/app-identity';
import { fillForm, signIn, startFlow, tokensReceived } from './support/app-page';
import type { RunningChromium } from './support/chromium';
import { useDemoSession } from './support/demo-session';
import { hasText, shows } from './support/ui-expect';

const session = useDemoSession('dpop');
let idp: DemoIdp;
let chromium: RunningChromium;
let page: Page;
beforeAll(() => {
  ({ idp, chromium, page } = session);
});

describe('DPoP in Chromium', () => {
  it('gets DPoP-bound tokens with the key shown in the form, and UserInfo with a proof', async () => {
    const client = idp.clients.public;
    await fillForm(page, {
      tokenName: 'e2e dpop',
      authUrl: idp.authorizationEndpoint,
      accessTokenUrl: idp.tokenEndpoint,
      clientId: client.clientId,
      clientSecret: '',
      scope: 'openid profile',
      callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      clientAuthentication: 'Send as Basic Auth header',
    });
    await page.getByText('Advanced', { exact: true }).click();
    await page.getByLabel('UserInfo URL', { exact: true }).fill(idp.userinfoEndpoint);
    await page.getByLabel('DPoP', { exact: true }).check();
    const thumbprint = page.getByLabel('JWK thumbprint', { exact: true });
    await shows(thumbprint);
    const jkt = (await thumbprint.textContent())!.trim();
    expect(jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await hasText(page.locator('.dpop-key'), 'in memory for this app session only');

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    const binding = page.getByRole('region', { name: 'DPoP Binding' });
    await hasText(binding, 'token_type: DPoP');
    await hasText(binding, jkt);
    // The token list says so too (the demo IdP's access tokens are opaque: no cnf.jkt to compare).
    await shows(page.getByRole('list', { name: 'Tokens of this session' }).getByText('DPoP-bound, key unchecked', { exact: true }));
    expect(idp.tokenRequests.at(-1)?.headers.dpop).toBeTruthy();

    await page.getByRole('button', { name: 'UserInfo', exact: true }).click();
    await hasText(page.getByRole('article', { name: 'UserInfo result' }), 'Dana Demo');

    await page.getByRole('tab', { name: 'Trace' }).click();
    await shows(page.getByRole('heading', { name: 'UserInfo request' }));
    await shows(page.getByText('Authentication: the DPoP-bound access token as a DPoP header, with a DPoP proof'));
    // RFC 9449 10: the code was bound to the key.
    await hasText(page.locator('.trace-authorization_request'), `dpop_jkt\t${jkt}`);
    const payloads = page.getByLabel('Proof payload', { exact: true });
    await hasText(payloads.first(), `"htu": "${idp.tokenEndpoint}"`);
    await hasText(payloads.last(), `"htu": "${idp.userinfoEndpoint}"`);
    await hasText(payloads.last(), '"ath"');
    await page.getByRole('tab', { name: 'Tokens' }).click();
  });
});
