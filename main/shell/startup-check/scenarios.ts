// The starts the start-up test plays through (see run-scenario.ts), and the deep links it delivers.
import { APP_SCHEME } from '../../../shared/app-identity';
import type { StubScenario } from './electron-stub';

export const SCENARIOS = {
  /** An unpackaged production build (`electron-vite preview`, `electron .`). */
  production: { stub: { isPackaged: false, singleInstanceLock: true, alreadyDefaultProtocolClient: false }, env: {} },
  /** `npm start`: the renderer comes from the Vite dev server. */
  dev: { stub: { isPackaged: false, singleInstanceLock: true, alreadyDefaultProtocolClient: false }, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } },
  /** The installed app: the dev server variable must be ignored. */
  packaged: { stub: { isPackaged: true, singleInstanceLock: true, alreadyDefaultProtocolClient: false }, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } },
  /** The installed app, already the scheme's handler. */
  'packaged-registered': { stub: { isPackaged: true, singleInstanceLock: true, alreadyDefaultProtocolClient: true }, env: {} },
  /** Another instance holds the lock (e.g. a deep link launched a second copy). */
  'second-instance': { stub: { isPackaged: true, singleInstanceLock: false, alreadyDefaultProtocolClient: false }, env: {} },
} satisfies Record<string, { stub: Omit<StubScenario, 'appDataDir'>; env: Record<string, string> }>;
export type ScenarioName = keyof typeof SCENARIOS;

/** Deep links this run delivers: at launch (argv), from a second instance, and a malformed one. */
export const LINKS = {
  launch: `${APP_SCHEME}:/callback?code=c1&state=launch-state-unknown`,
  second: `${APP_SCHEME}:/callback?code=c2&state=second-state-unknown`,
  malformed: `${APP_SCHEME}:/callback?code=c3%FF&state=malformed-state`,
};

