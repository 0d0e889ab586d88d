// A new user's first hour, against an IdP that is NOT the demo IdP: `npm run web` as typed in a
// terminal, the form filled only by its visible labels, and oidc-provider's own development login
// and consent pages ("Sign-in", then "Continue") on a provider mounted under a path prefix, with
// non-default endpoint paths, exact redirect URIs on fixed ports (one on localhost), and resource
// indicators issuing a JWT access token. See e2e/support/foreign-idp.ts for the whole configuration.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowStatus, screenshot, tokensReceived } from './support/app-page';
import { launchChromium, type RunningChromium } from './support/chromium';
import { FOREIGN_API, freePort, startForeignIdp, type ForeignClient, type ForeignIdp } from './support/foreign-idp';
import { startNpmRunWeb, type NpmRunWeb } from './support/npm-run-web';
import { ensureRendererBuilt } from './support/renderer-build';
import { hasText, hasValue, shows } from './support/ui-expect';

/** RFC 7636 Appendix B. */
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

let idp: ForeignIdp;
let plainIdp: ForeignIdp;
let app: NpmRunWeb;
let chromium: RunningChromium;
let dataDir: string;
let page: Page;

beforeAll(async () => {
  await ensureRendererBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'pkce-e2e-foreign-'));
  const [postPort, basicPort, plainPostPort, plainBasicPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  [idp, plainIdp, app, chromium] = await Promise.all([
    startForeignIdp({ postRedirectUri: `http://127.0.0.1:${postPort}/cb`, basicRedirectUri: `http://localhost:${basicPort}` }),
    startForeignIdp({ postRedirectUri: `http://127.0.0.1:${plainPostPort}/cb`, basicRedirectUri: `http://localhost:${plainBasicPort}/callback`, allowPlain: true, issuerHost: 'localhost' }),
    startNpmRunWeb({ dataDir }),
    launchChromium(),
  ]);
  page = await chromium.context.newPage();
  await page.goto(app.url);
});

afterAll(async () => {
  await chromium?.close();
  const exit = await app?.stop();
  await Promise.all([idp?.close(), plainIdp?.close()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (!app) return;
  expect(exit?.code === 0 || exit?.signal === 'SIGINT', `npm run web ends on Ctrl+C: ${JSON.stringify(exit)}`).toBe(true);
  expect(app.output(), 'no stack trace on the way out').not.toMatch(/\n\s+at /);
  await expect(fetch(app.origin), 'the port is released').rejects.toThrow();
});

const label = (name: string) => page.getByLabel(name, { exact: true });

interface Fill {
  tokenName: string;
  callbackUrl: string;
  client: ForeignClient;
  /** Defaults to the client's own secret. */
  secret?: string;
  method?: 'SHA-256' | 'Plain';
  verifier?: string;
  scope?: string;
  clientAuthentication?: 'Send as Basic Auth header' | 'Send client credentials in body';
  on?: ForeignIdp;
}

async function fill(values: Fill): Promise<void> {
  const on = values.on ?? idp;
  await label('Token Name').fill(values.tokenName);
  await label('Callback URL').fill(values.callbackUrl);
  await label('Auth URL').fill(on.authorizationEndpoint);
  await label('Access Token URL').fill(on.tokenEndpoint);
  await label('Client ID').fill(values.client.clientId);
  await label('Client Secret').fill(values.secret ?? values.client.clientSecret);
  await label('Code Challenge Method').selectOption({ label: values.method ?? 'SHA-256' });
  await label('Code Verifier').fill(values.verifier ?? '');
  await label('Scope').fill(values.scope ?? 'openid profile email');
  await label('State').fill('');
  await label('Client Authentication').selectOption({ label: values.clientAuthentication ?? 'Send as Basic Auth header' });
}

async function pressGetNewAccessToken(): Promise<Page> {
  const [tab] = await Promise.all([chromium.context.waitForEvent('page'), page.getByRole('button', { name: 'Get New Access Token' }).click()]);
  await tab.waitForLoadState('domcontentloaded');
  return tab;
}

/** oidc-provider's development pages: any login and password, "Sign-in", then consent "Continue". */
async function signInOnTheirPages(tab: Page, login = 'alice'): Promise<void> {
  const received = tab.getByRole('heading', { name: 'Sign-in received' });
  const loginBox = tab.getByPlaceholder('Enter any login');
  const consent = tab.getByRole('button', { name: 'Continue' });
  for (let step = 0; step < 4; step++) {
    await shows(received.or(loginBox).or(consent), 15_000);
    if (await received.isVisible()) return;
    if (await loginBox.isVisible()) {
      await loginBox.fill(login);
      await tab.getByPlaceholder('and password').fill('any password');
      await tab.getByRole('button', { name: 'Sign-in' }).click();
      // Login and consent share one URL (/interaction/<uid>): wait for this page to go, not for a new URL.
      await loginBox.waitFor({ state: 'detached', timeout: 15_000 });
    } else {
      await consent.click();
      await consent.waitFor({ state: 'detached', timeout: 15_000 });
    }
  }
  throw new Error(`The sign-in did not reach the app's callback page; the tab shows ${tab.url()}:\n${await tab.locator('body').innerText()}`);
}

async function fullFlow(values: Fill, login?: string): Promise<Page> {
  await fill(values);
  const tab = await pressGetNewAccessToken();
  await signInOnTheirPages(tab, login);
  return tab;
}

describe('a new user against a foreign oidc-provider 9 (path prefix, own routes, exact redirect URIs)', () => {
  it('`npm run web` prints one URL line among npm’s own lines, and the page opens from it', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/);
    expect(app.stdoutLines().filter((line) => line.startsWith('PKCE Inspector:'))).toHaveLength(1);
    await shows(page.getByText('Browser mode'));
    await hasValue(label('Grant Type'), 'Authorization Code (With PKCE)');
    expect(await label('Authorize using browser').isChecked()).toBe(true);
  });

  it('web client, client_secret_post, exact callback on a fixed port and path: tokens decoded', async () => {
    const before = idp.tokenRequests.length;
    const tab = await fullFlow({ tokenName: 'acme post', callbackUrl: idp.clients.post.redirectUri, client: idp.clients.post, clientAuthentication: 'Send client credentials in body' }, 'alice');
    expect(new URL(tab.url()).origin + new URL(tab.url()).pathname).toBe(idp.clients.post.redirectUri);
    await tab.close();
    await tokensReceived(page);
    await screenshot(page, 'foreign-01-post-tokens');

    const request = idp.tokenRequests.slice(before);
    expect(request).toHaveLength(1);
    expect(request[0]!.headers.authorization).toBeUndefined();
    expect(request[0]!.body.client_secret).toBe(idp.clients.post.clientSecret);
    expect(request[0]!.body.redirect_uri).toBe(idp.clients.post.redirectUri);

    // What the user reads: the ID token's claims and the JWT access token's audience and scope.
    const body = page.locator('body');
    await hasText(body, '"sub": "alice"');
    await hasText(body, '"email": "alice@acme.test"');
    await hasText(body, `"aud": "${FOREIGN_API}"`);
    await hasText(body, `"iss": "${idp.issuer}"`);
  });

  it('the trace shows the request to their authorize path, the redirect and the token exchange', async () => {
    await page.getByRole('tab', { name: 'Trace' }).click();
    await shows(page.getByRole('heading', { name: 'Authorization request' }));
    await shows(page.getByRole('heading', { name: 'Redirect received' }));
    await shows(page.getByRole('heading', { name: 'Token request' }));
    await shows(page.getByRole('heading', { name: 'Token response' }));
    await hasText(page.locator('body'), `${idp.authorizationEndpoint}?`);
    await hasText(page.locator('body'), idp.tokenEndpoint);
    expect(await page.locator('body').innerText()).not.toContain(idp.clients.post.clientSecret);
    await screenshot(page, 'foreign-02-trace');
    await page.getByRole('tab', { name: 'Tokens' }).click();
  });

  it('web client, client_secret_basic, exact http://localhost:<port> registered without a path (no trailing slash added)', async () => {
    const before = idp.tokenRequests.length;
    await chromium.context.clearCookies(); // a new IdP session: sign in as someone else
    const tab = await fullFlow({ tokenName: 'acme basic', callbackUrl: idp.clients.basic.redirectUri, client: idp.clients.basic }, 'bob');
    expect(tab.url()).toContain(`${idp.clients.basic.redirectUri}/?`);
    await tab.close();
    await tokensReceived(page);
    const request = idp.tokenRequests.slice(before);
    expect(request).toHaveLength(1);
    expect(String(request[0]!.headers.authorization)).toBe(`Basic ${Buffer.from(`${idp.clients.basic.clientId}:${idp.clients.basic.clientSecret}`).toString('base64')}`);
    expect(request[0]!.body.client_secret).toBeUndefined();
    expect(request[0]!.body.redirect_uri).toBe(idp.clients.basic.redirectUri);
    await hasText(page.locator('body'), '"sub": "bob"');
  });

  it('public native client: empty Client Secret, loopback callback on any port', async () => {
    const before = idp.tokenRequests.length;
    await chromium.context.clearCookies();
    const tab = await fullFlow({ tokenName: 'acme native', callbackUrl: idp.clients.native.redirectUri, client: idp.clients.native }, 'carol');
    await tab.close();
    await tokensReceived(page);
    const request = idp.tokenRequests.slice(before);
    expect(request).toHaveLength(1);
    expect(request[0]!.headers.authorization).toBeUndefined();
    expect(request[0]!.body.client_secret).toBeUndefined();
    expect(request[0]!.body.client_id).toBe(idp.clients.native.clientId);
    await hasText(page.locator('body'), '"sub": "carol"');
  });

  it('a typed Code Verifier shows its challenge live and is the one sent (RFC 7636 Appendix B)', async () => {
    await label('Code Verifier').fill(RFC_VERIFIER);
    await hasValue(label('Code Challenge'), RFC_CHALLENGE);
    await screenshot(page, 'foreign-07-typed-verifier');
    await label('Code Challenge Method').selectOption({ label: 'Plain' });
    await hasValue(label('Code Challenge'), RFC_VERIFIER);
    await label('Code Challenge Method').selectOption({ label: 'SHA-256' });

    const before = idp.tokenRequests.length;
    const tab = await fullFlow({ tokenName: 'acme rfc verifier', callbackUrl: idp.clients.native.redirectUri, client: idp.clients.native, verifier: RFC_VERIFIER });
    await tab.close();
    await tokensReceived(page);
    expect(idp.tokenRequests.slice(before)[0]!.body.code_verifier).toBe(RFC_VERIFIER);
    await label('Code Verifier').fill('');
  });

  it('a wrong client secret shows the IdP’s invalid_client', async () => {
    const tab = await fullFlow({ tokenName: 'acme wrong secret', callbackUrl: idp.clients.post.redirectUri, client: idp.clients.post, secret: 'not-the-secret', clientAuthentication: 'Send client credentials in body' });
    await tab.close();
    await hasText(flowStatus(page), 'Failed', 20_000);
    await hasText(page.locator('.flow-status'), 'invalid_client');
    // Once on the page, so that a strict getByText('invalid_client') finds it.
    expect(await page.getByText('invalid_client').count()).toBe(1);
    // No earlier flow's tokens under the failure.
    await hasText(page.getByRole('tabpanel', { name: 'Tokens' }), '“acme wrong secret” got no tokens');
    expect(await page.getByText('Access Token', { exact: true }).count()).toBe(0);
    await screenshot(page, 'foreign-03-invalid-client');
  });

  it('a callback the IdP does not know: their error page, and the flow can be cancelled', async () => {
    await fill({ tokenName: 'acme unknown redirect', callbackUrl: 'http://127.0.0.1/not-registered', client: idp.clients.post, clientAuthentication: 'Send client credentials in body' });
    const tab = await pressGetNewAccessToken();
    await hasText(tab.locator('body'), 'redirect_uri');
    await screenshot(tab, 'foreign-04-idp-error-page');
    await hasText(flowStatus(page), 'Waiting for the sign-in');
    // The app cannot see their page, but says what to do when the IdP stops on one.
    await hasText(page.locator('.flow-status'), 'If the IdP shows its own error page instead');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await hasText(flowStatus(page), 'Cancelled');
    // Said once, so that a strict getByText('Cancelled') finds it.
    expect(await page.getByText('Cancelled').count()).toBe(1);
    await tab.close();
  });

  it('a typo in Client ID: their error page; fixing it and pressing again on the same fixed port works', async () => {
    await fill({ tokenName: 'acme typo', callbackUrl: idp.clients.post.redirectUri, client: { ...idp.clients.post, clientId: 'acme-web-pots' }, clientAuthentication: 'Send client credentials in body' });
    const wrong = await pressGetNewAccessToken();
    await hasText(wrong.locator('body'), 'invalid_client');
    await hasText(flowStatus(page), 'Waiting for the sign-in');
    // No Cancel: the user fixes the field and presses the button again, as they would in Postman.
    await label('Client ID').fill(idp.clients.post.clientId);
    await label('Token Name').fill('acme typo fixed');
    const tab = await pressGetNewAccessToken();
    await signInOnTheirPages(tab);
    await tab.close();
    await hasText(flowStatus(page), 'acme typo fixed');
    await tokensReceived(page);
    await wrong.close();
  });

  it('[ Cancel ] on their login page: access_denied comes back to the app', async () => {
    await chromium.context.clearCookies();
    await fill({ tokenName: 'acme denied', callbackUrl: idp.clients.native.redirectUri, client: idp.clients.native });
    const tab = await pressGetNewAccessToken();
    await tab.getByRole('link', { name: '[ Cancel ]' }).click();
    await hasText(flowStatus(page), 'Failed', 20_000);
    await hasText(page.locator('.flow-status'), 'access_denied');
    expect(await page.getByText('access_denied').count()).toBe(1);
    await tab.close();
  });

  it('Plain against oidc-provider 9, which dropped it: the IdP’s error is shown', async () => {
    await fill({ tokenName: 'acme plain on 9', callbackUrl: idp.clients.native.redirectUri, client: idp.clients.native, method: 'Plain' });
    const tab = await pressGetNewAccessToken();
    await hasText(flowStatus(page), 'Failed', 20_000);
    await hasText(page.locator('.flow-status'), 'invalid_request');
    await screenshot(page, 'foreign-05-plain-on-9');
    await tab.close();
  });

  it('scope without openid: an access token only, no ID token and no warning about one', async () => {
    await fill({ tokenName: 'acme api only', callbackUrl: idp.clients.native.redirectUri, client: idp.clients.native, scope: 'orders:read' });
    const tab = await pressGetNewAccessToken();
    await signInOnTheirPages(tab);
    await tab.close();
    await tokensReceived(page);
    await hasText(page.locator('body'), '"scope": "orders:read"');
    expect(await page.getByText('ID Token', { exact: true }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Trace' }).click();
    await shows(page.getByRole('heading', { name: 'Token response' }));
    expect(await page.locator('body').innerText()).not.toContain('no id_token');
    await page.getByRole('tab', { name: 'Tokens' }).click();
    await screenshot(page, 'foreign-06-api-only');
  });
});

describe('Discover against the foreign provider (an issuer with a path, its own endpoint paths)', () => {
  it('fills their Auth URL and Access Token URL, and warns before a flow that they do not list Plain', async () => {
    await label('Auth URL').fill('');
    await label('Access Token URL').fill('');
    await label('Issuer').fill(idp.issuer);
    await page.getByRole('button', { name: 'Discover' }).click();
    await hasText(page.getByRole('status').filter({ hasText: 'Discovered from' }), `${idp.issuer}/.well-known/openid-configuration`);
    await hasValue(label('Auth URL'), idp.authorizationEndpoint);
    await hasValue(label('Access Token URL'), idp.tokenEndpoint);

    await label('Code Challenge Method').selectOption({ label: 'Plain' });
    await hasText(page.locator('#field-codeChallengeMethod-warnings'), 'code_challenge_methods_supported: S256, not plain');
    await label('Code Challenge Method').selectOption({ label: 'SHA-256' });
    await screenshot(page, 'foreign-08-discovered');

    // With a slash added, the document's issuer is not the one typed: refused, both shown.
    await label('Issuer').fill(`${idp.issuer}/`);
    await page.getByRole('button', { name: 'Discover' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Discover failed' });
    await hasText(alert, 'only by a terminating slash');
    await hasText(alert, 'Issuer in the document');

    await page.getByText('Metadata', { exact: true }).click();
    await page.getByRole('button', { name: 'Forget metadata' }).click();
    await label('Issuer').fill('');
  });
});

describe('a foreign oidc-provider 8 on http://localhost that still allows PKCE plain', () => {
  it('Plain: the challenge sent is the verifier itself, and tokens come back', async () => {
    const before = plainIdp.tokenRequests.length;
    const tab = await fullFlow({ tokenName: 'acme plain', callbackUrl: plainIdp.clients.native.redirectUri, client: plainIdp.clients.native, method: 'Plain', on: plainIdp });
    await tab.close();
    await tokensReceived(page);
    const request = plainIdp.tokenRequests.slice(before);
    expect(request).toHaveLength(1);
    const verifier = String(request[0]!.body.code_verifier);
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    const authorize = plainIdp.authorizationRequests.at(-1)!;
    expect(authorize.get('code_challenge_method')).toBe('plain');
    expect(authorize.get('code_challenge')).toBe(verifier);
  });

  it('a typed State and the Resource (Advanced) go out as typed, and the flow succeeds', async () => {
    await fill({ tokenName: 'acme state+resource', callbackUrl: plainIdp.clients.post.redirectUri, client: plainIdp.clients.post, clientAuthentication: 'Send client credentials in body', on: plainIdp });
    await label('State').fill('my-own-state-42');
    await page.getByText('Advanced', { exact: true }).click();
    await label('Resource').fill(FOREIGN_API);
    const tab = await pressGetNewAccessToken();
    await signInOnTheirPages(tab);
    await tab.close();
    await tokensReceived(page);
    const authorize = plainIdp.authorizationRequests.at(-1)!;
    expect(authorize.get('state')).toBe('my-own-state-42');
    expect(authorize.get('resource')).toBe(FOREIGN_API);
    expect(plainIdp.tokenRequests.at(-1)!.body.resource).toBe(FOREIGN_API);
    await hasText(page.locator('.flow-status'), 'my-own-state-42');
    await label('Resource').fill('');
    await label('State').fill('');
  });
});
