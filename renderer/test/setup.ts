// Testing Library in jsdom: jest-dom matchers on `expect`, and an unmounted DOM after every test
// (vitest runs without globals, so Testing Library cannot register its own cleanup). The lazy
// panels' chunks are loaded up front, as the app does after its first paint, so components render
// them at once (their splitting is tested on the build: build/build-output.test.ts).
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { preloadLazyPanels } from '../lazy/lazy-panels';

beforeAll(async () => {
  await preloadLazyPanels();
});

afterEach(() => {
  cleanup();
});
