import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { precompressPlugin } from './main/web/precompress';
import { prerenderPlugin } from './main/web/prerender-plugin';
import { rendererBuildDefine } from './main/web/renderer-build-constants';
import { zodPurePlugin } from './main/web/zod-pure-plugin';
import { buildContentSecurityPolicy } from './shared/csp';

// The page's CSP <meta> tag is written from shared/csp.ts, the one source of the policy: in a
// build, an existing tag in index.html gets the built policy (or one is added), so the page stays
// locked however it is opened (browser mode serves the same files). In dev the tag is removed:
// the Vite dev server needs inline scripts and styles, and Electron sends the dev policy as a
// response header instead (main/shell/security/app-csp-header.ts).
const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/i;
const cspMetaTag = (): Plugin => ({
  name: 'pkce-inspector-csp-meta',
  transformIndexHtml: {
    order: 'pre',
    handler: (html, context) => {
      if (context.server) return html.replace(CSP_META, '');
      const tag = `<meta http-equiv="Content-Security-Policy" content="${buildContentSecurityPolicy({ forMeta: true })}" />\n    `;
      return CSP_META.test(html) ? html.replace(CSP_META, tag) : html.replace(/<head>\s*/i, (head) => `${head}${tag}`);
    },
  },
});

// main: ESM bundle of the shell and services (dependencies stay in node_modules, keytar is native);
// preload: one self-contained CommonJS file, as a sandboxed preload can `require` nothing but
// electron's own modules (so zod, used by the contract, is bundled in rather than externalised);
// renderer: the React app, also served by browser mode from out/renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'main/index.ts') }, external: ['keytar'] },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    // The page needs no zod (README, Performance): what it would compute with it comes as constants,
    // and the schemas it does not use are dropped.
    define: rendererBuildDefine(),
    plugins: [react(), zodPurePlugin(), cspMetaTag(), prerenderPlugin({ entry: resolve(__dirname, 'renderer/prerender.tsx'), plugins: [react()], define: rendererBuildDefine() }), precompressPlugin()],
    // The dev window trusts its dev-server origin for IPC: when the port is taken, fail rather than
    // let Vite move to another port while something else answers on this one.
    server: { port: 5173, strictPort: true },
    build: {
      // electron-vite leaves bundles unminified; the renderer is also served over HTTP (browser
      // mode), where every kilobyte of the first load counts (README, Performance).
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
