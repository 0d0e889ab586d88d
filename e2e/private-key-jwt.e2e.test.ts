// private_key_jwt as a user walks it, in browser mode and a real Chromium, with a real (private)
// Secret Service holding the key: choose private_key_jwt, save the profile, paste an RSA key (long
// enough to be split across keychain items) with its algorithm and kid, run a flow against
// oidc-provider registered with the key's public half, see the assertion decoded in the trace, find
// the key again after a reload, generate one, and remove it. The key is in no file and no output.
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

const missing = keyringMissing('private_key_jwt');

const CLIENT = 'e2e-private-key-jwt';
const rsa = generateKeyPairSync('rsa', { modulusLength: 3072 });
const pem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const pemLines = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));

const session = useDemoSession('pkjwt', {
  keyring: true,
  skip: missing,
  idp: withNativeClient({
    client_id: CLIENT,
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'e2e-rsa' }] as never },
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
const field = (label: string) => page.getByLabel(label, { exact: true });
const keyPanel = () => page.getByRole('group', { name: 'Signing key' });

describe.skipIf(missing)('private_key_jwt in browser mode', () => {
  it('asks for a saved profile, then keeps a pasted key in the keychain and shows its public half only', async () => {
    await fillForm(page, {
      tokenName: 'e2e private_key_jwt',
      authUrl: idp.authorizationEndpoint,
      accessTokenUrl: idp.tokenEndpoint,
      clientId: CLIENT,
      clientSecret: '',
      scope: 'openid profile',
      callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      clientAuthentication: 'private_key_jwt',
    });
    await hasText(keyPanel(), 'save this profile first');
    await shows(field('Assertion audience'));

    await sidebar().getByRole('button', { name: 'New…' }).click();
    await sidebar().getByLabel('Start from').selectOption({ label: 'The form as it is now' });
    await sidebar().getByLabel('Name').fill('FAPI client');
    await sidebar().getByRole('button', { name: 'Create' }).click();

    await keyPanel().getByLabel('Private key (PEM or JWK)').fill(pem);
    await keyPanel().getByLabel('Algorithm').selectOption('PS256');
    await keyPanel().getByLabel('Key ID (kid)').fill('e2e-rsa');
    await keyPanel().getByRole('button', { name: 'Save key' }).click();
    const summary = keyPanel().getByRole('table', { name: 'Signing key' });
    await hasText(summary, 'e2e-rsa');
    await hasText(summary, 'RSA 3072 bits');
    await shows(keyPanel().getByRole('button', { name: 'Copy public JWK Set' }));
    await keyPanel().getByText('Public JWK Set', { exact: true }).click();
    const jwks = JSON.parse(await keyPanel().getByLabel('Public JWK Set').innerText());
    expect(jwks).toEqual({ keys: [expect.objectContaining({ kty: 'RSA', kid: 'e2e-rsa', alg: 'PS256', use: 'sig', n: rsa.publicKey.export({ format: 'jwk' }).n })] });
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    expect(await page.locator('body').innerText()).not.toContain(pemLines[3]!);
    await screenshot(page, 'pkjwt-01-signing-key');
  });

  it('signs the token request with it: tokens, and the assertion decoded in the trace', async () => {
    const tab = await startFlow(chromium.context, page);
    await signIn(tab, idp.user);
    await tab.close();
    await tokensReceived(page);
    const received = idp.tokenRequests.at(-1)!;
    expect(received.body.client_assertion_type).toBe(CLIENT_ASSERTION_TYPE);
    expect(received.body.client_secret).toBeUndefined();

    await page.getByRole('tab', { name: 'Trace' }).click();
    const payload = page.getByRole('table', { name: 'Client assertion payload' });
    await hasText(payload, idp.tokenEndpoint);
    await hasText(payload, CLIENT);
    await hasText(page.getByRole('table', { name: 'Client assertion header' }), 'PS256');
    await screenshot(page, 'pkjwt-02-trace');
    await page.getByRole('tab', { name: 'Tokens' }).click();
  });

  it('finds the key again after a reload; Generate key replaces it, Remove key deletes it; the key is in no file', async () => {
    await page.reload();
    await sidebar().getByRole('button', { name: /^FAPI client/ }).click();
    await hasText(keyPanel().getByRole('table', { name: 'Signing key' }), 'e2e-rsa');

    await keyPanel().getByRole('button', { name: 'Replace key' }).click();
    await keyPanel().getByRole('button', { name: 'Generate key' }).click();
    await hasText(keyPanel().getByRole('table', { name: 'Signing key' }), 'EC P-256');
    await keyPanel().getByRole('button', { name: 'Remove key' }).click();
    await shows(keyPanel().getByLabel('Private key (PEM or JWK)'));

    for (const f of await readdir(dataDir, { recursive: true })) {
      const text = await readFile(join(dataDir, f), 'latin1').catch(() => '');
      for (const line of pemLines) expect(text.includes(line), f).toBe(false);
    }
    for (const line of pemLines) expect(app.output().includes(line)).toBe(false);
  });
});
