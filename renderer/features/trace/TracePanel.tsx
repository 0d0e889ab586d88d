// The trace of one flow, every step in order, with the reveal toggle and export. Which flow: the one
// selected (the last started, or one picked from the tokens list or the menu here). Export trace and
// Copy as curl write masked values unless "Include secrets" is ticked; that choice is for one export
// or copy of this flow only, never remembered, so a later export cannot leak by a forgotten tick.
import { useId, useState } from 'react';
import { sortFlows, useFlowsStore } from '../../store/flows-store';
import { useUiStore } from '../../store/ui-store';
import { useShownFlow } from '../results/shown-flow';
import { downloadTrace } from './export-trace';
import { secretNamesFor } from './mask';
import { TraceEntryView } from './TraceEntryView';

export function TracePanel() {
  const flows = useFlowsStore((s) => s.flows);
  const selectFlow = useUiStore((s) => s.selectFlow);
  const reveal = useUiStore((s) => s.revealSecrets);
  const setReveal = useUiStore((s) => s.setRevealSecrets);
  const pickerId = useId();
  const revealId = useId();
  const includeId = useId();
  const includeHintId = useId();
  // The flow it was ticked for: showing another flow, or exporting once, unticks it.
  const [includeFor, setIncludeFor] = useState<string | null>(null);
  const all = sortFlows(flows);
  const flow = useShownFlow();
  if (!flow) return <p className="muted empty">No flows yet: the trace of each flow appears here.</p>;
  // Another flow shown: the tick does not carry over, not even when coming back (React's derived-state pattern).
  if (includeFor !== null && includeFor !== flow.flowId) setIncludeFor(null);
  const includeSecrets = includeFor === flow.flowId;
  const exported = () => setIncludeFor(null);

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
        <span className="field-inline">
          <input id={includeId} type="checkbox" checked={includeSecrets} aria-describedby={includeHintId} onChange={(e) => setIncludeFor(e.target.checked ? flow.flowId : null)} />
          <label htmlFor={includeId}>Include secrets</label>
        </span>
        <button
          type="button"
          onClick={() => {
            downloadTrace(flow, includeSecrets);
            exported();
          }}
        >
          Export trace
        </button>
      </div>
      <p className="muted small" id={includeHintId}>
        {/* Not naming the controls again: each name is on the page once, for a search or a screen reader. */}
        Codes, the verifier, client assertions and tokens are masked until revealed. Exports and copies are masked too, whatever the screen shows, unless secrets are included for that one export or copy. The
        client secret is never sent to this window: it shows as [redacted] even when revealed, and no export holds it.
      </p>
      <ol className="trace-entries">
        {flow.trace.map((entry, i) => (
          <TraceEntryView
            key={`${entry.kind}-${i}`}
            entry={entry}
            reveal={reveal}
            secrets={secretNamesFor(flow.pkce.method)}
            startAt={flow.trace[0]?.at}
            includeSecrets={includeSecrets}
            onExported={exported}
          />
        ))}
      </ol>
    </div>
  );
}
