// The one flow the right-hand panel is about: the selected one, or the newest when none is (after a
// reload nothing is selected). Its status, its tokens and its trace all follow this, so the panel
// never shows one flow's status above another flow's tokens.
import type { FlowSnapshot } from '../../../shared/flow-types';
import { sortFlows, useFlowsStore } from '../../store/flows-store';
import { useUiStore } from '../../store/ui-store';

export function shownFlow(flows: Record<string, FlowSnapshot>, selectedId: string | null): FlowSnapshot | undefined {
  return (selectedId ? flows[selectedId] : undefined) ?? sortFlows(flows)[0];
}

export function useShownFlow(): FlowSnapshot | undefined {
  const flows = useFlowsStore((s) => s.flows);
  const selectedId = useUiStore((s) => s.selectedFlowId);
  return shownFlow(flows, selectedId);
}
