import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { rendererBuildDefine } from './main/web/renderer-build-constants';

// One `npm test` runs every layer: pure and service tests under Node, component tests in jsdom,
// and the end-to-end tests in a real Chromium against browser mode and a real oidc-provider.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'demo-idp/**/*.test.ts', 'build/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        // As in the renderer's build (electron.vite.config.ts).
        define: rendererBuildDefine(),
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'],
          setupFiles: ['renderer/test/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
