// One browser-mode session for an end-to-end test file: browser mode on a fresh data folder (with a
// private keyring when asked), Chromium, a page open at the app whose console errors are collected,
// and the demo IdP (useDemoSession); started before the file's tests and stopped after them, browser
// mode expected to exit cleanly. The returned object is filled in by the time the tests run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientMetadata } from 'oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { NATIVE_REDIRECT_URIS, SCOPES } from '../../demo-idp/config';
import { startDemoIdp, type DemoIdp, type StartDemoIdpOptions } from '../../demo-idp/provider';
import { missingKeyringTools, startPrivateKeyring, type PrivateKeyring } from '../../main/store/test-support/private-keyring';
import { startBrowserMode, type RunningBrowserMode } from './browser-mode';
import { launchChromium, type RunningChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

export interface BrowserSession {
  app: RunningBrowserMode;
  chromium: RunningChromium;
  dataDir: string;
  page: Page;
  /** Set with the `keyring` option: browser mode stores secrets there. */
  keyring?: PrivateKeyring;
  /** Console errors and uncaught exceptions of the app's page: a CSP violation or a failed script shows up here. */
  consoleErrors: string[];
}

export interface DemoSession extends BrowserSession {
  idp: DemoIdp;
}

export interface SessionOptions<S extends BrowserSession> {
  /** Browser mode keeps secrets in a private keyring (see keyringMissing for when the tools are absent). */
  keyring?: boolean;
  /** Start nothing (the file's tests are skipped). */
  skip?: boolean;
  /** Writes into the data folder before browser mode starts (e.g. a corrupt profiles file). */
  seed?: (dataDir: string) => Promise<void>;
  /** Runs once the page exists, before it opens the app (permissions, listeners). */
  beforeGoto?: (session: S) => Promise<void> | void;
  /** More environment for browser mode (e.g. NODE_EXTRA_CA_CERTS for a test CA written by `seed`). */
  env?: (dataDir: string) => NodeJS.ProcessEnv;
  /** Chromium accepts any TLS certificate (an IdP of the test's own with a throwaway CA). */
  ignoreHTTPSErrors?: boolean;
  /** useDemoSession only: how the demo IdP starts (e.g. `configure` to register a client of the test's own). */
  idp?: Omit<StartDemoIdpOptions, 'port'>;
}

type Options<S extends BrowserSession> = SessionOptions<S> | SessionOptions<S>['beforeGoto'];

/**
 * Browser mode and the demo IdP. `name` names the data folder (`pkce-e2e-<name>-…`), so a leftover
 * one tells which file left it; a bare function stands for `{ beforeGoto }`.
 */
export function useDemoSession(name: string, options: Options<DemoSession> = {}): DemoSession {
  return useSession<DemoSession>(name, options, true);
}

/** Browser mode without an IdP (e.g. import, which never signs in). */
export function useBrowserSession(name: string, options: Options<BrowserSession> = {}): BrowserSession {
  return useSession<BrowserSession>(name, options, false);
}

/** The `idp` option for one more client besides the demo's own: native, authorization code, the demo's scopes; `client` adds to or overrides that. */
export function withNativeClient(client: ClientMetadata): SessionOptions<DemoSession>['idp'] {
  return {
    configure: (configuration) => {
      const native: Omit<ClientMetadata, 'client_id'> = { application_type: 'native', redirect_uris: [...NATIVE_REDIRECT_URIS], grant_types: ['authorization_code'], response_types: ['code'], scope: SCOPES.join(' ') };
      configuration.clients = [...(configuration.clients ?? []), { ...native, ...client }];
    },
  };
}

function useSession<S extends BrowserSession>(name: string, options: Options<S>, withIdp: boolean): S {
  const { keyring, skip, seed, beforeGoto, idp, env, ignoreHTTPSErrors }: SessionOptions<S> = typeof options === 'function' ? { beforeGoto: options } : (options ?? {});
  const session = { consoleErrors: [] as string[] } as S & Partial<DemoSession>;
  beforeAll(async () => {
    if (skip) return;
    await ensureRendererBuilt();
    session.dataDir = await mkdtemp(join(tmpdir(), `pkce-e2e-${name}-`));
    await seed?.(session.dataDir);
    // The keyring (when asked) goes first: browser mode starts with its environment.
    if (keyring) session.keyring = await startPrivateKeyring();
    [session.app, session.chromium, session.idp] = await Promise.all([
      startBrowserMode({ dataDir: session.dataDir, env: { ...session.keyring?.env, ...env?.(session.dataDir) } }),
      launchChromium({ ignoreHTTPSErrors: ignoreHTTPSErrors ?? false }),
      withIdp ? startDemoIdp({ ...idp, port: 0 }) : undefined,
    ]);
    session.page = await session.chromium.context.newPage();
    session.page.on('console', (m) => void (m.type() === 'error' && session.consoleErrors.push(m.text())));
    session.page.on('pageerror', (err) => session.consoleErrors.push(err.message));
    await beforeGoto?.(session);
    await session.page.goto(session.app.url);
  });
  afterAll(async () => {
    await session.chromium?.close();
    const exitCode = await session.app?.stop();
    await session.idp?.close();
    await session.keyring?.stop();
    if (session.dataDir) await rm(session.dataDir, { recursive: true, force: true });
    if (session.app) expect(exitCode, 'browser mode exits cleanly on SIGTERM').toBe(0);
  });
  return session;
}

/**
 * Whether the private keyring's tools are missing, which skips the test `name` (with a warning);
 * in CI they must be there.
 */
export function keyringMissing(name: string): boolean {
  const missing = missingKeyringTools();
  if (missing.length > 0 && process.env.CI) throw new Error(`The ${name} e2e test needs ${missing.join(', ')} (apt-get install dbus gnome-keyring) in CI.`);
  if (missing.length > 0) console.warn(`Skipping the ${name} e2e test: it needs ${missing.join(', ')}.`);
  return missing.length > 0;
}
