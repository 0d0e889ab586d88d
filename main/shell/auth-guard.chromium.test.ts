// The embedded window's callback guard (decideAuthNavigation) in a real Chromium against the real
// demo IdP (oidc-provider): the whole multi-hop login (authorize, interaction pages, login form,
// consent, redirects) goes through, only the final callback is routed, and the callback target
// never receives a request. Chromium's Fetch domain pauses every request, redirect hops included,
// as Electron's session.webRequest.onBeforeRequest does in the app.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthorizationUrl } from '../../shared/authorize-url';
import { computeCodeChallenge, generateCodeVerifier, randomToken } from '../../shared/pkce';
import { isFinalCallback, parseRedirect } from '../../shared/redirect';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { launchChromium, type RunningChromium } from '../../e2e/support/chromium';
import { decideAuthNavigation } from './auth-navigation';

interface GuardLog {
  allowed: string[];
  blocked: string[];
  routed: string[];
}

async function guard(cdp: CDPSession, redirectUri: string): Promise<GuardLog> {
  const log: GuardLog = { allowed: [], blocked: [], routed: [] };
  cdp.on('Fetch.requestPaused', (event: { requestId: string; request: { url: string } }) => {
    const url = event.request.url;
    const decision = decideAuthNavigation(url, redirectUri);
    if (decision === 'allow') {
      log.allowed.push(url);
      void cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
      return;
    }
    (decision === 'route' ? log.routed : log.blocked).push(url);
    void cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
  return log;
}

async function authorizationUrl(idp: DemoIdp, clientId: string, redirectUri: string) {
  const state = randomToken();
  const verifier = generateCodeVerifier();
  const request = buildAuthorizationUrl({ authUrl: idp.authorizationEndpoint, clientId, redirectUri, scope: 'openid profile', state, codeChallenge: await computeCodeChallenge(verifier, 'S256'), codeChallengeMethod: 'S256', nonce: randomToken() });
  return { url: request.url, state };
}

async function signIn(page: Page, idp: DemoIdp, url: string, routed: string[]): Promise<void> {
  await page.goto(url).catch(() => undefined);
  await page.fill('input[name="login"]', idp.user.login);
  await page.fill('input[type="password"]', idp.user.password);
  await Promise.all([page.waitForLoadState('load').catch(() => undefined), page.click('button[type="submit"]')]);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect.poll(() => routed.length, { timeout: 10_000 }).toBeGreaterThan(0);
}

let idp: DemoIdp;
let chromium: RunningChromium;
let callbackServer: Server;
const callbackHits: string[] = [];

beforeAll(async () => {
  idp = await startDemoIdp({ port: 0 });
  chromium = await launchChromium();
  callbackServer = createServer((req, res) => {
    callbackHits.push(req.url ?? '');
    res.end('the callback host was reached');
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await idp?.close();
  await new Promise((resolve) => callbackServer?.close(resolve));
});

describe('the embedded-window guard in Chromium against oidc-provider', () => {
  it('lets the multi-hop login through and routes only the loopback callback, which is never reached', async () => {
    const page = await chromium.context.newPage();
    const cdp = await chromium.context.newCDPSession(page);
    const redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
    const log = await guard(cdp, redirectUri);
    const { url, state } = await authorizationUrl(idp, idp.clients.public.clientId, redirectUri);
    await signIn(page, idp, url, log.routed);

    expect(log.routed).toHaveLength(1);
    const callback = log.routed[0]!;
    expect(isFinalCallback(callback, redirectUri)).toBe(true);
    expect(parseRedirect(callback)).toMatchObject({ state, source: 'query' });
    expect(parseRedirect(callback).code).toBeTruthy();
    // Several IdP hops were allowed (authorize, interaction, login post, consent, resume...).
    expect(log.allowed.filter((u) => u.startsWith(idp.issuer)).length).toBeGreaterThanOrEqual(4);
    expect(log.allowed.some((u) => u.startsWith(redirectUri))).toBe(false);
    expect(callbackHits).toEqual([]);
    await page.close();
  });

  it('routes an https://localhost callback (Azure "Web" style) without any request to localhost', async () => {
    const page = await chromium.context.newPage();
    const cdp = await chromium.context.newCDPSession(page);
    const redirectUri = 'https://localhost/callback';
    const log = await guard(cdp, redirectUri);
    const { url, state } = await authorizationUrl(idp, idp.clients.webPublic.clientId, redirectUri);
    // Same browser profile: the IdP session from the first test may skip the login form.
    await page.goto(url).catch(() => undefined);
    if (await page.locator('input[type="password"]').count()) {
      await page.fill('input[name="login"]', idp.user.login);
      await page.fill('input[type="password"]', idp.user.password);
      await page.click('button[type="submit"]');
    }
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => log.routed.length, { timeout: 10_000 }).toBe(1);
    expect(parseRedirect(log.routed[0]!)).toMatchObject({ state });
    expect([...log.allowed, ...log.blocked].some((u) => new URL(u).hostname === 'localhost')).toBe(false);
    await page.close();
  });
});
