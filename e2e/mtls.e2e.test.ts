// Mutual TLS as a user walks it in browser mode, in a real Chromium: a saved profile, Discover (the
// IdP's mtls_endpoint_aliases), Advanced → Client certificate with a PKCS#12 file and its password
// kept in a real (private) keychain, tls_client_auth, a flow whose token is bound to the certificate,
// the trace naming the certificate, and Remove certificate. The IdP is oidc-provider 9 over HTTPS
// with a throwaway CA, trusted by the app's process through NODE_EXTRA_CA_CERTS (test only).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API } from '../demo-idp/config';
import { MTLS_CLIENTS, startMtlsIdp, type MtlsIdp } from '../main/mtls/test-support/mtls-idp';
import { CLIENT_SUBJECT, createTestPki, type TestPki } from '../main/mtls/test-support/test-pki';
import { missingKeyringTools, startPrivateKeyring, type PrivateKeyring } from '../main/store/test-support/private-keyring';
import { DEFAULT_LOOPBACK_CALLBACK } from '../shared/app-identity';
import { screenshot, signIn, startFlow, tokensReceived } from './support/app-page';
import { startBrowserMode, type RunningBrowserMode } from './support/browser-mode';
import { launchChromium, type RunningChromium } from './support/chromium';
import { ensureRendererBuilt } from './support/renderer-build';
import { hasText, shows } from './support/ui-expect';

const missing = missingKeyringTools();
if (missing.length > 0 && process.env.CI) throw new Error(`The mTLS e2e test needs ${missing.join(', ')} (apt-get install dbus gnome-keyring) in CI.`);
if (missing.length > 0) console.warn(`Skipping the mTLS e2e test: it needs ${missing.join(', ')}.`);

let pki: TestPki;
let idp: MtlsIdp;
let keyring: PrivateKeyring;
let app: RunningBrowserMode;
let chromium: RunningChromium;
let dir: string;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (missing.length > 0) return;
  await ensureRendererBuilt();
  pki = createTestPki();
  dir = await mkdtemp(join(tmpdir(), 'pkce-e2e-mtls-'));
  await writeFile(join(dir, 'test-ca.pem'), pki.ca.certPem);
  [idp, keyring, chromium] = await Promise.all([startMtlsIdp(pki), startPrivateKeyring(), launchChromium({ ignoreHTTPSErrors: true })]);
  app = await startBrowserMode({ dataDir: join(dir, 'data'), env: { ...keyring.env, NODE_EXTRA_CA_CERTS: join(dir, 'test-ca.pem') } });
  page = await chromium.context.newPage();
  page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  await page.goto(app.url);
});

afterAll(async () => {
  await chromium?.close();
  await app?.stop();
  await keyring?.stop();
  await idp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const field = (label: string) => page.getByLabel(label, { exact: true });
const sidebar = () => page.getByRole('complementary');

describe.skipIf(missing.length > 0)('mutual TLS in browser mode', () => {
  it('a PKCS#12 client certificate in the keychain, tls_client_auth through the mTLS alias, a certificate-bound token', async () => {
    const profile = {
      name: 'mTLS client',
      settings: {
        tokenName: 'e2e mtls',
        issuer: idp.issuer,
        clientId: MTLS_CLIENTS.caIssued,
        scope: 'openid api:read',
        resource: DEMO_API.resource,
        callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
        clientAuthentication: 'tls_client_auth',
      },
    };
    await sidebar().getByLabel('Profiles file to import').setInputFiles({ name: 'mtls.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 3, profiles: [profile] })) });
    await sidebar().getByRole('button', { name: /^mTLS client/ }).click();
    await page.getByRole('button', { name: 'Discover' }).click();
    await hasText(page.getByRole('status').filter({ hasText: 'Discovered from' }), 'Auth URL and Access Token URL filled from the metadata');

    await page.getByText('Advanced', { exact: true }).click();
    await field('Client certificate').check();
    await field('PKCS#12 file (.p12, .pfx)').check();
    await field('PKCS#12 file').setInputFiles({ name: 'client.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from(pki.pkcs12Base64, 'base64') });
    await field('Password').fill('not the password');
    await page.getByRole('button', { name: 'Save certificate' }).click();
    await hasText(page.getByRole('alert').filter({ hasText: 'PKCS#12' }), 'Wrong password for the PKCS#12 file');
    await field('Password').fill(pki.pkcs12Password);
    await page.getByRole('button', { name: 'Save certificate' }).click();
    const stored = page.getByLabel('Stored client certificate');
    await hasText(stored, CLIENT_SUBJECT);
    await hasText(stored, 'SHA-256 thumbprint (x5t#S256)');
    await shows(page.getByRole('button', { name: 'Remove certificate' }));
    await screenshot(page, 'mtls-01-certificate-stored');

    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    const binding = page.getByRole('region', { name: 'Access Token Validation (informational)' }).getByRole('row', { name: /Certificate binding \(cnf x5t#S256\)/ });
    await hasText(binding, /pass/);
    await hasText(binding, 'the token is bound to it');
    await screenshot(page, 'mtls-02-bound-token');

    await page.getByRole('tab', { name: 'Trace' }).click();
    const presented = page.getByText(/Client certificate presented \(mutual TLS\)/).first();
    await hasText(presented, CLIENT_SUBJECT);
    await hasText(page.locator('.trace-token_request'), idp.mtlsTokenEndpoint);
    // The page never held the key or the password once saved.
    expect(await page.content()).not.toContain(pki.pkcs12Password);

    await page.getByRole('button', { name: 'Remove certificate' }).click();
    await shows(page.getByRole('button', { name: 'Save certificate' }));
  });

  it('ran without a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
