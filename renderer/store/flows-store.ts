// Every flow of this session, as main last described it. Snapshots arrive from `startFlow`'s answer,
// from `flowUpdated` events and from `listFlows` at start; whichever is newest wins, so an event that
// overtakes the call's answer is not undone by it.
import { create } from 'zustand';
import type { FlowSnapshot } from '../../shared/flow-types';

interface FlowsState {
  flows: Record<string, FlowSnapshot>;
  upsert(snapshot: FlowSnapshot): void;
  upsertMany(snapshots: FlowSnapshot[]): void;
}

function isNewer(next: FlowSnapshot, current: FlowSnapshot | undefined): boolean {
  if (!current) return true;
  if (next.updatedAt !== current.updatedAt) return next.updatedAt > current.updatedAt;
  // Same millisecond: the longer trace is the later state.
  return next.trace.length >= current.trace.length;
}

export const useFlowsStore = create<FlowsState>((set) => ({
  flows: {},
  upsert: (snapshot) => set((s) => (isNewer(snapshot, s.flows[snapshot.flowId]) ? { flows: { ...s.flows, [snapshot.flowId]: snapshot } } : s)),
  upsertMany: (snapshots) =>
    set((s) => {
      const flows = { ...s.flows };
      for (const snap of snapshots) if (isNewer(snap, flows[snap.flowId])) flows[snap.flowId] = snap;
      return { flows };
    }),
}));

/** Newest first. */
export function sortFlows(flows: Record<string, FlowSnapshot>): FlowSnapshot[] {
  return Object.values(flows).sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

/** Flows that obtained tokens, newest first: the session's "Manage Access Tokens" list. */
export function flowsWithTokens(flows: Record<string, FlowSnapshot>): FlowSnapshot[] {
  return sortFlows(flows).filter((f) => f.tokens !== undefined);
}
