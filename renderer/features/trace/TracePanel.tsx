// The trace of one flow, every step in order, with the reveal toggle and export. Which flow: the one
// selected (the last started, or one picked from the tokens list or the menu here).
import { useId } from 'react';
import { sortFlows, useFlowsStore } from '../../store/flows-store';
import { useUiStore } from '../../store/ui-store';
import { downloadTrace } from './export-trace';
import { secretNamesFor } from './mask';
import { TraceEntryView } from './TraceEntryView';

export function TracePanel() {
  const flows = useFlowsStore((s) => s.flows);
  const selectedId = useUiStore((s) => s.selectedFlowId);
  const selectFlow = useUiStore((s) => s.selectFlow);
  const reveal = useUiStore((s) => s.revealSecrets);
  const setReveal = useUiStore((s) => s.setRevealSecrets);
  const pickerId = useId();
  const revealId = useId();
  const all = sortFlows(flows);
  const flow = all.find((f) => f.flowId === selectedId) ?? all[0];
  if (!flow) return <p className="muted empty">No flows yet: the trace of each flow appears here.</p>;

  return (
    <div className="trace">
      <div className="trace-toolbar">
        <label htmlFor={pickerId}>Flow</label>
        <select id={pickerId} value={flow.flowId} onChange={(e) => selectFlow(e.target.value)}>
          {all.map((f) => (
            <option key={f.flowId} value={f.flowId}>
              {f.tokenName} — {new Date(f.startedAt).toLocaleTimeString()} — {f.status}
            </option>
          ))}
        </select>
        <span className="field-inline">
          <input id={revealId} type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />
          <label htmlFor={revealId}>Reveal secrets</label>
        </span>
        <button type="button" onClick={() => downloadTrace(flow)}>
          Export trace
        </button>
      </div>
      <p className="muted small">
        Codes, the verifier and tokens are masked until revealed. The client secret is never sent to this window: it shows as [redacted] even when revealed.
      </p>
      <ol className="trace-entries">
        {flow.trace.map((entry, i) => (
          <TraceEntryView key={`${entry.kind}-${i}`} entry={entry} reveal={reveal} secrets={secretNamesFor(flow.pkce.method)} startAt={flow.trace[0]?.at} />
        ))}
      </ol>
    </div>
  );
}
