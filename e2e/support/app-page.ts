// What a user does on the app's page and the IdP's pages, by visible labels only.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { DemoClientKey } from '../../demo-idp/config';
import type { DemoIdp } from '../../demo-idp/provider';
import { DEFAULT_LOOPBACK_CALLBACK } from '../../shared/app-identity';
import { SCREENSHOT_DIR } from './paths';
import { hasValue, shows } from './ui-expect';

export interface FormValues {
  tokenName: string;
  authUrl: string;
  accessTokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  callbackUrl: string;
  clientAuthentication: 'Send as Basic Auth header' | 'Send client credentials in body' | 'private_key_jwt' | 'client_secret_jwt';
}

/** The form for one of the demo IdP's clients at its endpoints, with the loopback callback and the client's own secret. */
export function demoForm(idp: DemoIdp, client: DemoClientKey, overrides: Partial<FormValues> = {}): FormValues {
  const c = idp.clients[client];
  return {
    tokenName: `e2e ${client}`,
    authUrl: idp.authorizationEndpoint,
    accessTokenUrl: idp.tokenEndpoint,
    clientId: c.clientId,
    clientSecret: c.clientSecret ?? '',
    scope: 'openid profile email',
    callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
    clientAuthentication: 'Send as Basic Auth header',
    ...overrides,
  };
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

export async function fillForm(page: Page, values: FormValues): Promise<void> {
  await field(page, 'Token Name').fill(values.tokenName);
  await hasValue(field(page, 'Grant Type'), 'Authorization Code (With PKCE)');
  await field(page, 'Callback URL').fill(values.callbackUrl);
  await field(page, 'Auth URL').fill(values.authUrl);
  await field(page, 'Access Token URL').fill(values.accessTokenUrl);
  await field(page, 'Client ID').fill(values.clientId);
  await field(page, 'Client Secret').fill(values.clientSecret);
  await field(page, 'Code Challenge Method').selectOption({ label: 'SHA-256' });
  await field(page, 'Scope').fill(values.scope);
  await field(page, 'State').fill('');
  await field(page, 'Client Authentication').selectOption({ label: values.clientAuthentication });
}

/** Presses Get New Access Token and returns the tab the page opened for the sign-in. */
export async function startFlow(context: BrowserContext, page: Page): Promise<Page> {
  const [signInTab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Get New Access Token' }).click()]);
  await signInTab.waitForLoadState('domcontentloaded');
  return signInTab;
}

/**
 * Walks the demo IdP's pages until the app's callback page: the login form (skipped while the
 * IdP's session lasts), then consent (skipped once granted).
 */
export async function signIn(tab: Page, user: { login: string; password: string }, onLoginPage?: (tab: Page) => Promise<void>): Promise<void> {
  const received = tab.getByRole('heading', { name: 'Sign-in received' });
  const username = tab.getByLabel('Username', { exact: true });
  const allow = tab.getByRole('button', { name: 'Allow' });
  for (let step = 0; step < 4; step++) {
    await shows(received.or(username).or(allow), 15_000);
    if (await received.isVisible()) return;
    if (await username.isVisible()) {
      await onLoginPage?.(tab);
      await username.fill(user.login);
      await tab.getByLabel('Password', { exact: true }).fill(user.password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
    } else {
      await allow.click();
    }
    await tab.waitForLoadState('domcontentloaded');
  }
  throw new Error(`The sign-in did not reach the callback page; the tab shows ${tab.url()}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // From the top: a full-page shot of a scrolled page draws the sticky header and sidebar mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The status heading of the selected flow, e.g. "Done: tokens received". */
export function flowStatus(page: Page) {
  return page.locator('#flow-status-title');
}

/** Waits for the selected flow to finish with tokens; a failure is reported with what the page says. */
export async function tokensReceived(page: Page, timeout = 20_000): Promise<void> {
  const status = flowStatus(page);
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await status.innerText().catch(() => '');
    if (text.includes('Done: tokens received')) return;
    if (/Failed|Cancelled|Expired/.test(text)) throw new Error(`The flow ended without tokens:\n${await page.locator('.flow-status').innerText()}`);
    if (Date.now() > deadline) throw new Error(`No tokens after ${timeout} ms; the status says: ${text}`);
    await page.waitForTimeout(100);
  }
}

/**
 * Reloads `page` with the app's script held back, so the pre-rendered page (controls disabled,
 * nothing listening yet) stays until `run` calls `release`: for what a user or script does before
 * the app has taken the page over.
 */
export async function whileAppHeldBack(page: Page, run: (release: () => void) => Promise<void>): Promise<void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const appScript = '**/assets/start-app-*.js';
  await page.route(appScript, async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.reload({ waitUntil: 'domcontentloaded' });
    const getTokens = page.getByRole('button', { name: 'Get New Access Token' });
    await getTokens.waitFor();
    if (!(await getTokens.isDisabled())) throw new Error('The app took the page over although its script was held back.');
    await run(release);
  } finally {
    release();
    await page.unroute(appScript);
  }
}
