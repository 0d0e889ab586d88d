// Panels the first paint does not need, each loaded as its own chunk when first shown: the trace,
// a token response's details (decoded JWTs, ID token validation), discovery's details. The entry
// chunk then holds only what draws the form (README, Performance). Only what the first screen
// does not show belongs here: a lazy panel on it would hold its first paint back.
import { lazy, Suspense, type ComponentType } from 'react';

/** A lazily loaded named export inside its own Suspense boundary (nothing shown while it loads). */
function deferred<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() })) as unknown as ComponentType<P>;
  return function Deferred(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const TokenDetail = deferred(async () => (await import('../features/tokens/TokenDetail')).TokenDetail);
export const TracePanel = deferred(async () => (await import('../features/trace/TracePanel')).TracePanel);
export const MetadataDetails = deferred(async () => (await import('../features/discovery/MetadataDetails')).MetadataDetails);
export const DiscoveryTrace = deferred(async () => (await import('../features/discovery/DiscoveryTrace')).DiscoveryTrace);
