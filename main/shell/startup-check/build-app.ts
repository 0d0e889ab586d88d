// Builds the app (main, preload, renderer) with the repository's own electron.vite.config.ts, as
// `electron-vite build` does, but into a folder of its own, so the start-up test neither races a
// developer's `out/` nor the end-to-end tests' renderer build. The folder must sit inside the
// repository: the main bundle imports its dependencies (jose, zod …) from node_modules.
import { resolveConfig } from 'electron-vite';
import { join } from 'node:path';
import { build, mergeConfig, type InlineConfig } from 'vite';

export async function buildAppInto(outDir: string): Promise<void> {
  // electron-vite's own `build` sets this before resolving; its plugins read it.
  process.env['NODE_ENV_ELECTRON_VITE'] = 'production';
  const resolved = await resolveConfig({}, 'build', 'production');
  for (const target of ['main', 'preload', 'renderer'] as const) {
    const config: InlineConfig | undefined = resolved.config?.[target];
    if (!config) throw new Error(`electron.vite.config.ts has no ${target} section.`);
    await build(mergeConfig(config, { logLevel: 'warn', build: { outDir: join(outDir, target), emptyOutDir: true, watch: null } } satisfies InlineConfig));
  }
}
