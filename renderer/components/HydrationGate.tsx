// The pre-rendered page (README, Performance) shows its controls before React has taken it over,
// and until then a click or a typed character would be lost. So they are disabled (one fieldset
// around them) until hydration is done: a user or a test script that waits for an enabled control
// acts on a live one. Rendered by the client alone (no pre-rendered markup), they are live at once.
import { useSyncExternalStore, type ReactNode } from 'react';

const noSubscription = () => () => {};

/** False while React hydrates server markup (and on the server), true in every client render after. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function HydrationGate({ children }: { children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    // role="none": a wrapper, not a group a screen reader should announce.
    <fieldset className="hydration-gate" role="none" disabled={!hydrated} aria-busy={hydrated ? undefined : true}>
      {children}
    </fieldset>
  );
}
