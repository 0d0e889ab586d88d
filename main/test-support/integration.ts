// The lifecycle fixtures of the service integration tests: the real demo IdP for a whole test file,
// and the cleanups (engines to dispose, folders to remove) a test registers, run after it.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';

/** The demo IdP on a free port, started before the file's tests and closed after them; `idp` is set by then. */
export function useDemoIdp(): { idp: DemoIdp } {
  const demo = {} as { idp: DemoIdp };
  beforeAll(async () => {
    demo.idp = await startDemoIdp({ port: 0 });
  });
  afterAll(async () => {
    await demo.idp?.close();
  });
  return demo;
}

/** A list to push cleanups onto; after each test they run (together) and the list empties. */
export function useCleanups(): (() => Promise<unknown>)[] {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });
  return cleanups;
}
