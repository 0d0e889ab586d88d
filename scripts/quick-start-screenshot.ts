// Regenerates docs/screenshot-quick-start.png, the README quick start's picture: where the presets
// are (the sidebar's New… → Start from), with the Local demo IdP preset chosen and its notes shown.
// Run with `npx tsx scripts/quick-start-screenshot.ts`; like scripts/readme-screenshot.ts it walks
// browser mode in Debian's Chromium (scripts/screenshot-session.ts), on a throwaway data folder.
import { visible, writeScreenshot } from './screenshot-session';

async function main(): Promise<void> {
  await writeScreenshot('docs/screenshot-quick-start.png', async ({ page }) => {
    const sidebar = page.getByRole('complementary', { name: 'Profiles' });
    await sidebar.getByRole('button', { name: 'New…' }).click();
    await sidebar.getByLabel('Start from').selectOption({ label: 'Local demo IdP' });
    await visible(sidebar.getByText('npm run demo-idp'));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
