// The selected flow, live: its status and steps, the redirect URI in use, the sign-in link (browser mode
// opens a tab itself; the link is the fallback when a popup blocker ate it), Cancel, and a box to
// paste the redirect URL for callbacks nothing listens on (e.g. https://localhost).
import { useId, useState, type FormEvent } from 'react';
import type { ErrorContext } from '../../../shared/error-explanations';
import { FINAL_FLOW_STATUSES, type FlowSnapshot } from '../../../shared/flow-types';
import { getApi } from '../../api';
import { useFlowsStore } from '../../store/flows-store';
import { FlowErrorView } from '../errors/FlowErrorView';
import { ParFacts } from '../fapi/ParFacts';
import { ExchangePanel } from '../probe/ExchangePanel';
import { flowSteps, STATUS_LABELS } from './flow-steps';

/** What the trace adds to an error: whether code_verifier went out (the negative test leaves it out), and how the client authenticated. */
function errorContext(flow: FlowSnapshot): ErrorContext {
  const request = flow.trace.find((t) => t.kind === 'token_request');
  return request ? { codeVerifierSent: request.bodyParams.some(([name]) => name === 'code_verifier'), clientAuth: request.clientAuth } : {};
}

export function FlowStatusPanel({ flow }: { flow: FlowSnapshot }) {
  const upsert = useFlowsStore((s) => s.upsert);
  const [pasted, setPasted] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const pasteId = useId();
  const running = !FINAL_FLOW_STATUSES.includes(flow.status);
  const awaiting = flow.status === 'awaiting-redirect';

  const act = async (action: () => Promise<FlowSnapshot>) => {
    setActionError(null);
    try {
      upsert(await action());
      return true;
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
      return false;
    }
  };
  const submitRedirect = async (e: FormEvent) => {
    e.preventDefault();
    if (pasted.trim() === '') return;
    if (await act(() => getApi().submitRedirect({ url: pasted.trim() }))) setPasted('');
  };

  return (
    <section className={`panel flow-status status-${flow.status}`} aria-labelledby="flow-status-title">
      <div className="panel-head">
        <h3 id="flow-status-title">
          {flow.tokenName}{' '}
          {/* Only the status is announced as it changes, not the whole panel. */}
          <span className={`badge status-badge status-${flow.status}`} role="status">
            {STATUS_LABELS[flow.status]}
          </span>
        </h3>
        {running && (
          <button type="button" onClick={() => void act(() => getApi().cancelFlow({ flowId: flow.flowId }))}>
            Cancel
          </button>
        )}
      </div>
      <ol className="flow-steps" aria-label="Progress">
        {flowSteps(flow).map((step) => (
          <li key={step.label} className={`flow-step step-${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined}>
            {step.label}
          </li>
        ))}
      </ol>
      <dl className="facts">
        <dt>Redirect URI</dt>
        <dd className="mono">{flow.redirectUri}</dd>
        <dt>State</dt>
        <dd className="mono">{flow.state}</dd>
        {flow.par && <ParFacts par={flow.par} />}
        {running && (
          <>
            <dt>Gives up at</dt>
            <dd>{new Date(flow.expiresAt).toLocaleTimeString()}</dd>
          </>
        )}
      </dl>
      {awaiting && flow.mode !== 'embedded' && (
        <p>
          <a href={flow.authorizationUrl} target="_blank" rel="noopener noreferrer">
            Open the sign-in page
          </a>
          <span className="muted"> {flow.openedBy === 'renderer' ? '— if no tab opened (popup blocker), use this link.' : '— if the browser did not open, use this link.'}</span>
        </p>
      )}
      {awaiting && (
        <form className="paste-redirect" onSubmit={(e) => void submitRedirect(e)}>
          <label htmlFor={pasteId}>Paste the redirect URL</label>
          <div className="field-control">
            <input id={pasteId} type="text" className="mono" value={pasted} spellCheck={false} placeholder={`${flow.redirectUri}?code=...&state=...`} onChange={(e) => setPasted(e.target.value)} />
            <button type="submit" disabled={pasted.trim() === ''}>
              Submit
            </button>
          </div>
          <p className="field-hint">
            When the sign-in ends on a page that does not load, copy that page’s address here. If the IdP shows its own error page instead (unknown
            client, a redirect URI it does not know), nothing will come back: fix the form and press Get New Access Token again.
          </p>
        </form>
      )}
      <ExchangePanel flow={flow} />
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
      {flow.error && <FlowErrorView error={flow.error} context={errorContext(flow)} />}
    </section>
  );
}
