// The token's life after the flow, in browser mode and a real Chromium against the demo IdP: a flow
// with offline_access, then Refresh (a new entry), UserInfo (the demo user's name), Revoke and
// Introspect (inactive), each leaving its request in the trace.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoIdp } from '../demo-idp/provider';
import { demoForm, fillForm, screenshot, signIn, startFlow, tokensReceived } from './support/app-page';
import type { RunningChromium } from './support/chromium';
import { useDemoSession } from './support/demo-session';
import { SCREENSHOT_DIR } from './support/paths';
import { countIs, hasText, shows } from './support/ui-expect';

const session = useDemoSession('actions');
let idp: DemoIdp;
let chromium: RunningChromium;
let page: Page;
beforeAll(() => {
  ({ idp, chromium, page } = session);
});

const field = (label: string) => page.getByLabel(label, { exact: true });
const result = (title: string) => page.getByRole('article', { name: `${title} result` });

describe('token actions in Chromium', () => {
  it('refreshes, calls UserInfo, revokes and introspects the token of a flow with offline_access', async () => {
    await fillForm(page, demoForm(idp, 'public', { tokenName: 'e2e lifecycle', scope: 'openid profile email offline_access' }));
    await page.getByText('Advanced', { exact: true }).click();
    // oidc-provider grants offline_access only with prompt=consent (OpenID Connect Core 11).
    const authParams = page.getByRole('group', { name: 'Extra authorization request parameters' });
    await authParams.getByRole('button', { name: '+ Add parameter' }).click();
    await field('Extra authorization request parameters: key 1').fill('prompt');
    await field('Extra authorization request parameters: value 1').fill('consent');
    await field('Revocation URL').fill(idp.revocationEndpoint);
    await field('Introspection URL').fill(idp.introspectionEndpoint);
    await field('UserInfo URL').fill(idp.userinfoEndpoint);

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    const entries = page.getByRole('list', { name: 'Tokens of this session' }).getByRole('listitem');
    await countIs(entries, 1);

    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await countIs(entries, 2);
    await hasText(page.locator('.lifecycle-status'), 'the refresh token was rotated');
    await shows(page.getByRole('button', { name: 'Reuse previous refresh token' }));

    await page.getByRole('button', { name: 'UserInfo', exact: true }).click();
    await hasText(result('UserInfo'), 'Dana Demo');

    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await hasText(result('Revoke access token'), 'Revoked');
    await hasText(page.locator('.lifecycle-status'), 'Access token revoked by this app');

    await page.getByRole('button', { name: 'Introspect', exact: true }).click();
    await hasText(result('Introspect access token'), 'Inactive');
    await hasText(result('Introspect access token'), 'active: false');
    await screenshot(page, '20-token-actions');
    await page.getByRole('region', { name: 'Token actions' }).screenshot({ path: join(SCREENSHOT_DIR, '21-token-actions-panel.png') });

    // What the IdP saw: the refresh, the revocation and the introspection, each as sent.
    expect(idp.tokenRequests.at(-1)?.body.grant_type).toBe('refresh_token');
    await page.getByRole('tab', { name: 'Trace' }).click();
    await shows(page.getByRole('heading', { name: 'Refresh request' }));
    await shows(page.getByRole('heading', { name: 'Revocation request' }));
    await shows(page.getByRole('heading', { name: 'Introspection response' }));
    await page.getByRole('tab', { name: 'Tokens' }).click();
  });
});
