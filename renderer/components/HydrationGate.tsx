// The pre-rendered page (README, Performance) shows its controls before React has taken it over,
// and until then a click or a typed character would be lost. So they are disabled (one fieldset
// around them) until React's first commit, which hydration ends with: a user or a test script that
// waits for an enabled control acts on a live one. A layout effect opens the gate within that same
// task, before the browser paints and before the passive effects (connecting to main) run; drawn by
// the client alone (no pre-rendered markup), the disabled state is never painted at all.
import { useLayoutEffect, useRef, type ReactNode } from 'react';

export function HydrationGate({ children }: { children: ReactNode }) {
  const gate = useRef<HTMLFieldSetElement>(null);
  useLayoutEffect(() => {
    // On the element, not through state: no second render of the app. React never sets these
    // attributes again (their props never change), so the gate stays open.
    gate.current?.removeAttribute('disabled');
    gate.current?.removeAttribute('aria-busy');
  }, []);
  return (
    // role="none": a wrapper, not a group a screen reader should announce.
    <fieldset ref={gate} className="hydration-gate" role="none" disabled aria-busy>
      {children}
    </fieldset>
  );
}
