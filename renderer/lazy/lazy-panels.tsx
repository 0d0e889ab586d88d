// Panels the first paint does not need, each loaded as its own chunk when first shown: the trace,
// a token response's details (decoded JWTs, ID token validation), discovery's details. The entry
// chunk then holds only what draws the form (README, Performance). Only what the first screen
// does not show belongs here: a lazy panel on it would hold its first paint back.
import { lazy, Suspense, type ComponentType } from 'react';

interface DeferredPanel<P> {
  (props: P): React.JSX.Element;
  /** Fetches the chunk now; once it is here the panel renders at once, without a Suspense pause. */
  preload(): Promise<unknown>;
}

/** A lazily loaded named export inside its own Suspense boundary (nothing shown while it loads). */
function deferred<P extends object>(load: () => Promise<ComponentType<P>>): DeferredPanel<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (err: unknown) => {
        loading = undefined; // a failed fetch is tried again by the next preload or render
        throw err;
      },
    ));
  // A chunk already loaded is handed over synchronously (React.lazy accepts any thenable), so a
  // preloaded panel never suspends.
  const Lazy = lazy(() => {
    const ready = loaded;
    if (ready) return { then: (resolve: (module: { default: ComponentType<P> }) => void) => resolve({ default: ready }) } as unknown as Promise<{ default: ComponentType<P> }>;
    return preload().then((component) => ({ default: component }));
  }) as unknown as ComponentType<P>;
  function Deferred(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Object.assign(Deferred, { preload });
}

export const TokenDetail = deferred(async () => (await import('../features/tokens/TokenDetail')).TokenDetail);
export const TracePanel = deferred(async () => (await import('../features/trace/TracePanel')).TracePanel);
export const MetadataDetails = deferred(async () => (await import('../features/discovery/MetadataDetails')).MetadataDetails);
export const DiscoveryTrace = deferred(async () => (await import('../features/discovery/DiscoveryTrace')).DiscoveryTrace);

/** All lazy chunks, fetched ahead of need (by the tests' setup, and by the app once it is idle). */
export function preloadLazyPanels(): Promise<unknown> {
  return Promise.all([TokenDetail, TracePanel, MetadataDetails, DiscoveryTrace].map((panel) => panel.preload()));
}

/**
 * Called once the first screen is committed: the chunks are fetched when the browser is idle, so
 * opening a panel later does not wait, and the first paint never competes with them. Returns the
 * cancel for the unmount.
 */
export function preloadLazyPanelsWhenIdle(): () => void {
  const preload = () => void preloadLazyPanels().catch(() => undefined); // shown later, a panel tries again
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(preload, { timeout: 5_000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(preload, 1_000);
  return () => window.clearTimeout(id);
}
