// Regenerates docs/screenshot-tokens.png, the picture at the top of README.md: browser mode after a
// successful flow against the demo IdP, with the decoded ID token in the Tokens panel next to the form.
// Run with `npm run screenshot:readme`. It walks the app as a user would, through the end-to-end
// helpers: a few profiles from presets, the Local demo IdP one with a confidential client whose secret
// is saved to a private, throwaway keychain (when dbus and gnome-keyring are installed), then a flow.
import type { Page } from 'playwright-core';
import { startDemoIdp, type DemoIdp } from '../demo-idp/provider';
import { DEMO_IDP_ISSUER } from '../shared/presets';
import { signIn, startFlow, tokensReceived } from '../e2e/support/app-page';
import { visible, writeScreenshot } from './screenshot-session';

/** Profiles besides the demo one, so the sidebar looks like someone's working set. */
const OTHER_PRESETS = ['Azure AD / Entra ID (v2.0)', 'Okta'];

async function main(): Promise<void> {
  const idp = await startIdp();
  try {
    await writeScreenshot('docs/screenshot-tokens.png', async ({ page, context, keyring }) => {
      for (const preset of OTHER_PRESETS) await createProfile(page, preset);
      await createProfile(page, 'Local demo IdP');

      const field = (label: string) => page.getByLabel(label, { exact: true });
      const client = idp.clients.confidentialBasic;
      await field('Token Name').fill('Demo IdP · confidential');
      if (idp.issuer !== DEMO_IDP_ISSUER) {
        // Port 9090 was taken: point the preset's URLs at this IdP.
        await field('Auth URL').fill(idp.authorizationEndpoint);
        await field('Access Token URL').fill(idp.tokenEndpoint);
      }
      await field('Client ID').fill(client.clientId);
      await field('Scope').fill('openid profile email');
      await field('Client Authentication').selectOption({ label: 'Send as Basic Auth header' });
      await field('Client Secret').fill(client.clientSecret ?? '');
      // One Save: the settings and the secret (into the keychain when there is one).
      await sidebar(page).getByRole('button', { name: 'Save', exact: true }).click();
      const status = sidebar(page).getByRole('region', { name: 'Current profile' }).getByRole('status');
      await visible(keyring ? page.getByRole('button', { name: 'Replace' }) : status.getByText('Client secret not kept', { exact: false }));

      const tab = await startFlow(context, page);
      await signIn(tab, idp.user);
      await tab.close();
      await tokensReceived(page);
      await visible(page.getByLabel('JWT payload'));
    });
  } finally {
    await idp.close();
  }
}

/** On the preset's port 9090 when it is free, so the form shows the URLs the README names. */
async function startIdp(): Promise<DemoIdp> {
  try {
    return await startDemoIdp({ port: Number(new URL(DEMO_IDP_ISSUER).port) });
  } catch {
    return startDemoIdp({ port: 0 });
  }
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Profiles' });

async function createProfile(page: Page, preset: string): Promise<void> {
  await sidebar(page).getByRole('button', { name: 'New…' }).click();
  await sidebar(page).getByLabel('Start from').selectOption({ label: preset });
  await sidebar(page).getByRole('button', { name: 'Create' }).click();
  await visible(sidebar(page).getByRole('button', { name: new RegExp(`^${preset.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`) }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
