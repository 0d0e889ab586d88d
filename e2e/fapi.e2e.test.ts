// The three FAPI client features together, as a tester of a high-security IdP walks them in browser
// mode and a real Chromium, with a real (private) Secret Service: Issuer + Discover, Use PAR, DPoP and
// private_key_jwt with a pasted EC key, against oidc-provider 9 with a client that requires PAR,
// authenticates by private_key_jwt and gets DPoP-bound tokens only. The trace shows the push with its
// decoded assertion and DPoP proof; the browser got a request_uri only.
import { generateKeyPairSync } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoIdp } from '../demo-idp/provider';
import { DEFAULT_LOOPBACK_CALLBACK } from '../shared/app-identity';
import { CLIENT_ASSERTION_TYPE } from '../shared/token-request';
import { fillForm, screenshot, signIn, startFlow, tokensReceived } from './support/app-page';
import type { RunningBrowserMode } from './support/browser-mode';
import type { RunningChromium } from './support/chromium';
import { keyringMissing, useDemoSession, withNativeClient } from './support/demo-session';
import { hasText, shows } from './support/ui-expect';

const missing = keyringMissing('FAPI');

const CLIENT = 'e2e-fapi';
const KID = 'e2e-fapi-es256';
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = ec.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const privateD = ec.privateKey.export({ format: 'jwk' }).d!;

const session = useDemoSession('fapi', {
  keyring: true,
  skip: missing,
  idp: withNativeClient({
    client_id: CLIENT,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: { keys: [{ ...ec.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'ES256', use: 'sig' }] as never },
    require_pushed_authorization_requests: true,
    dpop_bound_access_tokens: true,
    grant_types: ['authorization_code', 'refresh_token'],
  }),
});
let idp: DemoIdp;
let app: RunningBrowserMode;
let chromium: RunningChromium;
let dataDir: string;
let page: Page;

beforeAll(() => {
  ({ idp, app, chromium, dataDir, page } = session);
});

const sidebar = (): Locator => page.getByRole('complementary', { name: 'Profiles' });
const keyPanel = () => page.getByRole('group', { name: 'Signing key' });

describe.skipIf(missing)('PAR + DPoP + private_key_jwt in browser mode', () => {
  it('discovers the IdP, keeps the signing key in the keychain, and gets DPoP-bound tokens through a pushed, assertion-authenticated request', async () => {
    await fillForm(page, {
      tokenName: 'e2e FAPI',
      authUrl: '',
      accessTokenUrl: '',
      clientId: CLIENT,
      clientSecret: '',
      scope: 'openid profile offline_access',
      callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      clientAuthentication: 'private_key_jwt',
    });
    await page.getByLabel('Issuer', { exact: true }).fill(idp.issuer);
    await page.getByRole('button', { name: 'Discover' }).click();
    await hasText(page.getByRole('status').filter({ hasText: 'Discovered from' }), 'filled from the metadata');
    await page.getByText('Advanced', { exact: true }).click();
    await page.getByLabel('Use PAR', { exact: true }).check();
    await page.getByLabel('DPoP', { exact: true }).check();
    // oidc-provider grants offline_access only with prompt=consent; the demo IdP adds it to query requests, not to pushed ones.
    await page.getByRole('group', { name: 'Extra authorization request parameters' }).getByRole('button', { name: '+ Add parameter' }).click();
    await page.getByLabel('Extra authorization request parameters: key 1', { exact: true }).fill('prompt');
    await page.getByLabel('Extra authorization request parameters: value 1', { exact: true }).fill('consent');

    // The key needs a saved profile: save the form as it is, then paste the key.
    await sidebar().getByRole('button', { name: 'New…' }).click();
    await sidebar().getByLabel('Start from').selectOption({ label: 'The form as it is now' });
    await sidebar().getByLabel('Name').fill('FAPI');
    await sidebar().getByRole('button', { name: 'Create' }).click();
    await keyPanel().getByLabel('Private key (PEM or JWK)').fill(pem);
    await keyPanel().getByLabel('Algorithm').selectOption('ES256');
    await keyPanel().getByLabel('Key ID (kid)').fill(KID);
    await keyPanel().getByRole('button', { name: 'Save key' }).click();
    await hasText(keyPanel().getByRole('table', { name: 'Signing key' }), KID);
    const jkt = (await page.getByLabel('JWK thumbprint', { exact: true }).textContent())!.trim();
    expect(jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    const binding = page.getByRole('region', { name: 'DPoP Binding' });
    await hasText(binding, 'token_type: DPoP');
    await hasText(binding, jkt);

    const tokenRequest = idp.tokenRequests.at(-1)!;
    expect(tokenRequest.body.client_assertion_type).toBe(CLIENT_ASSERTION_TYPE);
    expect(tokenRequest.headers.dpop).toBeTruthy();
    expect(tokenRequest.headers.authorization).toBeUndefined();

    await page.getByRole('tab', { name: 'Trace' }).click();
    const push = page.locator('li.trace-par_request');
    await shows(push.first());
    await hasText(push.first(), 'client_assertion_type');
    await hasText(page.getByRole('table', { name: 'Client assertion payload' }).first(), CLIENT);
    await hasText(page.getByLabel('Proof payload', { exact: true }).first(), `"htu": "${idp.issuer}/request"`);
    // RFC 9126 4: the browser carried client_id and request_uri only.
    const authorization = page.locator('li.trace-authorization_request');
    await hasText(authorization, /request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A/);
    expect(await authorization.textContent()).not.toContain('code_challenge');
    await screenshot(page, 'fapi-01-trace');
    await page.getByRole('tab', { name: 'Tokens' }).click();

    // Refresh: a new assertion and a new proof; still DPoP-bound.
    const before = idp.tokenRequests.length;
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect.poll(() => idp.tokenRequests.length, { timeout: 15_000 }).toBe(before + 1);
    const refresh = idp.tokenRequests.at(-1)!;
    expect(refresh.body.grant_type).toBe('refresh_token');
    expect(refresh.body.client_assertion).not.toBe(tokenRequest.body.client_assertion);
    expect(refresh.headers.dpop).toBeTruthy();
  });

  it('keeps the private key out of every file and of the app output', async () => {
    for (const f of await readdir(dataDir, { recursive: true })) {
      const text = await readFile(join(dataDir, f), 'latin1').catch(() => '');
      expect(text.includes(privateD), f).toBe(false);
      expect(text.includes(pem.split('\n')[1]!), f).toBe(false);
    }
    expect(app.output().includes(privateD)).toBe(false);
    expect(await page.locator('body').innerText()).not.toContain(privateD);
  });
});
