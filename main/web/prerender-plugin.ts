// Build-time pre-render of the renderer's first screen (README, Performance): the page arrives with
// the form drawn, so it shows as soon as the HTML and stylesheet are in, before the app's script is
// parsed and run; React then hydrates that markup (renderer/main.tsx, start-app.tsx). The markup is
// plain HTML inside #root, so the CSP stays strict (no inline script or style). Dev serves the
// empty page.
import { resolve } from 'node:path';
import { runnerImport, type Plugin, type PluginOption } from 'vite';

const EMPTY_ROOT = /<div id="root"><\/div>/;

export interface PrerenderOptions {
  /** The module exporting `renderFirstScreen(): string` (renderer/prerender.tsx). */
  entry: string;
  /** Plugins the entry needs to load under Node (e.g. @vitejs/plugin-react for JSX). */
  plugins?: PluginOption[];
  /** The renderer's `define` constants (see renderer-build-constants.ts). */
  define?: Record<string, string>;
}

export function prerenderPlugin(options: PrerenderOptions): Plugin {
  return {
    name: 'pkce-inspector-prerender',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (!EMPTY_ROOT.test(html)) throw new Error('index.html has no empty <div id="root"></div> to pre-render into.');
        const markup = await renderFirstScreen(options);
        // No modulepreload of the app's chunks: compiling them while the first frame is rasterized
        // delayed it (renderer/after-first-paint.ts); the entry imports them once it is painted.
        return html.replace(EMPTY_ROOT, () => `<div id="root">${markup}</div>`);
      },
    },
  };
}

const NO_STYLESHEET = '\0pkce-inspector-prerender:no-stylesheet';
const skipStylesheets: Plugin = {
  name: 'pkce-inspector-prerender-no-css',
  enforce: 'pre',
  resolveId: (source) => (/\.css(?:\?|$)/.test(source) ? NO_STYLESHEET : null),
  load: (id) => (id === NO_STYLESHEET ? 'export {};' : null),
};

export async function renderFirstScreen(options: PrerenderOptions): Promise<string> {
  const entry = resolve(options.entry);
  // Loaded through Vite's module runner (TSX as in the app's build). Stylesheets mean nothing to
  // markup: their imports load as empty modules.
  const { module } = await runnerImport<{ renderFirstScreen?: () => string }>(entry, {
    configFile: false,
    logLevel: 'error',
    define: options.define ?? {},
    plugins: [skipStylesheets, ...(options.plugins ?? [])],
  });
  if (typeof module.renderFirstScreen !== 'function') throw new Error(`${entry} exports no renderFirstScreen().`);
  const markup = module.renderFirstScreen();
  if (!markup) throw new Error('The pre-rendered first screen is empty.');
  return markup;
}
