// The requests Discover made and what came back, with the trace panel's own entry view.
import type { TraceEntry } from '../../../shared/flow-types';
import { TraceEntryView } from '../trace/TraceEntryView';

function titleOf(entry: TraceEntry): string | undefined {
  if (entry.kind === 'token_response') return 'Discovery response';
  if (entry.kind === 'note' && entry.message.startsWith('GET ')) return 'Discovery request';
  return undefined;
}

const noop = () => {};

export function DiscoveryTrace({ trace }: { trace: TraceEntry[] }) {
  if (trace.length === 0) return null;
  return (
    <details className="discovery-details">
      <summary>Discovery trace</summary>
      <ol className="trace-entries">
        {trace.map((entry, i) => (
          // Metadata holds no secrets: nothing to mask.
          <TraceEntryView key={`${entry.kind}-${i}`} entry={entry} reveal startAt={trace[0]?.at} title={titleOf(entry)} includeSecrets={false} onExported={noop} />
        ))}
      </ol>
    </details>
  );
}
