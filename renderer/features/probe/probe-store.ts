// The PKCE enforcement probe as the renderer sees it: the last run's snapshot from main (newest wins),
// and the sign-in tab browser mode opens for each case flow.
import { create } from 'zustand';
import type { ProbeSnapshot } from '../../../shared/probe-types';

interface ProbeState {
  probe: ProbeSnapshot | null;
  /** Case flows whose sign-in page was already opened (one tab per flow). */
  opened: ReadonlySet<string>;
  update(snapshot: ProbeSnapshot): void;
}

export const useProbeStore = create<ProbeState>((set, get) => ({
  probe: null,
  opened: new Set(),
  update(snapshot) {
    const current = get().probe;
    // An older run's late event must not replace the new one; a run's own events arrive in order.
    if (current && current.probeId !== snapshot.probeId && current.startedAt > snapshot.startedAt) return;
    const flow = snapshot.current;
    if (flow && flow.openedBy === 'renderer' && !get().opened.has(flow.flowId)) {
      // Browser mode: the page opens each case's sign-in itself, as for a normal flow.
      window.open(flow.authorizationUrl, '_blank', 'noopener');
      set({ opened: new Set([...get().opened, flow.flowId]) });
    }
    set({ probe: snapshot });
  },
}));
