// False while React renders the pre-rendered page (at build time, and while hydrating it), true from
// then on. For controls no fieldset can disable: a hidden file input takes files set by a script
// (or a test's setInputFiles) without any enabled check, so in the page before React took it over
// those files would be dropped silently. Rendered only once hydrated, such an input does not exist
// until something is listening to it, and whoever waits for it waits for that.
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

export function useHydrated(): boolean {
  // React reads the server snapshot while hydrating, then renders again with the client one.
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
