// Mutual TLS as a user walks it in browser mode, in a real Chromium: a saved profile, Discover (the
// IdP's mtls_endpoint_aliases), Advanced → Client certificate with a PKCS#12 file and its password
// kept in a real (private) keychain, tls_client_auth, a flow whose token is bound to the certificate,
// the trace naming the certificate, and Remove certificate. The IdP is oidc-provider 9 over HTTPS
// with a throwaway CA, trusted by the app's process through NODE_EXTRA_CA_CERTS (test only).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API } from '../demo-idp/config';
import { MTLS_CLIENTS, startMtlsIdp, type MtlsIdp } from '../main/mtls/test-support/mtls-idp';
import { CLIENT_SUBJECT, createTestPki, type TestPki } from '../main/mtls/test-support/test-pki';
import { DEFAULT_LOOPBACK_CALLBACK } from '../shared/app-identity';
import { screenshot, signIn, startFlow, tokensReceived } from './support/app-page';
import type { RunningChromium } from './support/chromium';
import { keyringMissing, useBrowserSession } from './support/demo-session';
import { hasText, shows } from './support/ui-expect';

const missing = keyringMissing('mTLS');

let pki: TestPki;
// The app's process trusts the test CA (written into the data folder before it starts); Chromium only
// shows the IdP's sign-in page, so it is told to accept the certificate.
const session = useBrowserSession('mtls', {
  keyring: true,
  skip: missing,
  seed: async (dataDir) => {
    pki = createTestPki();
    await writeFile(join(dataDir, 'test-ca.pem'), pki.ca.certPem);
  },
  env: (dataDir) => ({ NODE_EXTRA_CA_CERTS: join(dataDir, 'test-ca.pem') }),
  ignoreHTTPSErrors: true,
});
let idp: MtlsIdp;
let chromium: RunningChromium;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  ({ chromium, page, consoleErrors } = session);
  if (missing) return;
  idp = await startMtlsIdp(pki);
});

afterAll(async () => {
  await idp?.close();
});

const field = (label: string) => page.getByLabel(label, { exact: true });
const sidebar = () => page.getByRole('complementary');

describe.skipIf(missing)('mutual TLS in browser mode', () => {
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
    await shows(page.getByRole('list', { name: 'Tokens of this session' }).getByText('Certificate-bound', { exact: true }));
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
