// Builds only the renderer (out/renderer), with the renderer settings of electron.vite.config.ts, for
// browser mode and the end-to-end tests: the Electron main and preload bundles are not needed there.
import { resolveConfig } from 'electron-vite';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

export async function buildRenderer(): Promise<void> {
  // electron-vite's own `build` sets this before resolving, and its renderer plugins read it.
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const resolved = await resolveConfig({}, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section.');
  await build(renderer);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildRenderer().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
