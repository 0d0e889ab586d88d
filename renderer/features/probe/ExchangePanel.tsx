// Pause mode ("Pause before token request"): at "Ready to exchange" the token request about to be
// sent, each field editable (a negative test: a wrong code_verifier, another redirect_uri...);
// Exchange sends it, Exchange again replays the same code once the first answer is in. The client
// secret is not here: main adds it when sending.
import { useId, useState } from 'react';
import { editedFields, type ExchangeDraft } from '../../../shared/exchange-draft';
import type { FlowSnapshot } from '../../../shared/flow-types';
import { getApi } from '../../api';
import { useFlowsStore } from '../../store/flows-store';

type TextField = 'code' | 'codeVerifier' | 'redirectUri' | 'clientId';
const FIELDS: { field: TextField; label: string }[] = [
  { field: 'code', label: 'code' },
  { field: 'codeVerifier', label: 'code_verifier' },
  { field: 'redirectUri', label: 'redirect_uri' },
  { field: 'clientId', label: 'client_id' },
];

export function ExchangePanel({ flow }: { flow: FlowSnapshot }) {
  const exchange = flow.exchange;
  if (!exchange) return null;
  const ready = flow.status === 'ready-to-exchange';
  const canReplay = exchange.sent !== undefined && (flow.status === 'done' || flow.status === 'failed');
  if (!ready && !canReplay) return null;
  // Keyed: each flow's editor starts from main's proposal.
  return <ExchangeEditor key={flow.flowId} flow={flow} proposed={exchange.draft} ready={ready} replays={exchange.replays} />;
}

function ExchangeEditor({ flow, proposed, ready, replays }: { flow: FlowSnapshot; proposed: ExchangeDraft; ready: boolean; replays: number }) {
  const upsert = useFlowsStore((s) => s.upsert);
  const [draft, setDraft] = useState<ExchangeDraft>(proposed);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const baseId = useId();
  const edited = editedFields(proposed, draft);

  const run = async (call: () => Promise<FlowSnapshot>) => {
    setBusy(true);
    setError(null);
    try {
      upsert(await call());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const setRow = (index: number, value: string) => setDraft({ ...draft, extraParams: draft.extraParams.map((row, i) => (i === index ? { ...row, value } : row)) });

  return (
    <section className="exchange-panel" aria-label="Token request">
      {ready ? (
        <>
          <h4>Token request about to be sent</h4>
          {FIELDS.map(({ field, label }) => (
            <div className="field" key={field}>
              <label htmlFor={`${baseId}-${field}`}>{label}</label>
              <input
                id={`${baseId}-${field}`}
                type="text"
                className="mono"
                spellCheck={false}
                value={draft[field] ?? ''}
                placeholder={field === 'codeVerifier' ? '(not sent)' : undefined}
                onChange={(e) => setDraft({ ...draft, [field]: field === 'codeVerifier' && e.target.value === '' ? null : e.target.value })}
              />
            </div>
          ))}
          {draft.extraParams.map((row, i) =>
            row.enabled ? (
              <div className="field" key={`${row.key}-${i}`}>
                <label htmlFor={`${baseId}-extra-${i}`}>{row.key}</label>
                <input id={`${baseId}-extra-${i}`} type="text" className="mono" value={row.value} onChange={(e) => setRow(i, e.target.value)} />
              </div>
            ) : null,
          )}
          {edited.length > 0 && <p className="muted">Edited: {edited.join(', ')} (marked in the trace).</p>}
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => getApi().exchangeFlow({ flowId: flow.flowId, draft }))}>
            Exchange
          </button>
        </>
      ) : (
        <p>
          <button type="button" disabled={busy} onClick={() => void run(() => getApi().exchangeAgain({ flowId: flow.flowId }))}>
            Exchange again
          </button>{' '}
          <span className="muted">sends the same code once more: an IdP must refuse it (RFC 6749 4.1.2).{replays > 0 ? ` Sent again ${replays}×; see the trace.` : ''}</span>
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
