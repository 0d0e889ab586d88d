import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { buildContentSecurityPolicy } from './shared/csp';

// The production page carries the strict CSP as a <meta> tag as well as the app:// header, so the
// built HTML is locked down however it is opened (browser mode serves the same files). Not in dev:
// the Vite dev server needs inline scripts, and Electron adds the dev policy as a header there.
const cspMetaTag = (): Plugin => ({
  name: 'pkce-inspector-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: buildContentSecurityPolicy({ forMeta: true }) }, injectTo: 'head-prepend' },
  ],
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
    plugins: [react(), cspMetaTag()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
