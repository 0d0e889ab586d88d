// The right-hand side, about one flow (see shown-flow.ts): its live status (or its error), then its
// tokens and its trace.
import { useUiStore, type ResultTab } from '../../store/ui-store';
import { FlowStatusPanel } from '../flow/FlowStatusPanel';
import { TracePanel } from '../../lazy/lazy-panels';
import { TokensPanel } from '../tokens/TokensPanel';
import { useShownFlow } from './shown-flow';

const TABS: { id: ResultTab; label: string }[] = [
  { id: 'tokens', label: 'Tokens' },
  { id: 'trace', label: 'Trace' },
];

export function ResultsPane() {
  const flow = useShownFlow();
  const tab = useUiStore((s) => s.resultTab);
  const setTab = useUiStore((s) => s.setResultTab);

  return (
    <section className="results" aria-label="Results">
      {flow && <FlowStatusPanel flow={flow} />}
      <div className="tabs" role="tablist" aria-label="Results">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="results-tabpanel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
              const next = TABS[(TABS.findIndex((x) => x.id === tab) + 1) % TABS.length];
              if (next) {
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id="results-tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'tokens' ? <TokensPanel /> : <TracePanel />}
      </div>
    </section>
  );
}
