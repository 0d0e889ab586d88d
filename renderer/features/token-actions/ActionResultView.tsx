// One action's result: what happened in a sentence, its rows (claims, fields, checks with verdicts),
// a body when there is one, and, when the IdP refused, the same explained error as a failed flow.
import type { ActionResult } from '../../../shared/token-actions';
import { FlowErrorView } from '../errors/FlowErrorView';

const OUTCOME_LABELS: Record<ActionResult['outcome'], string> = { ok: 'OK', warning: 'Warning', failed: 'Failed', pending: 'Waiting' };
const VERDICT_CLASS = { ok: 'ok-text', warning: 'warn-text', bad: 'bad-text', info: 'muted' } as const;

export function ActionResultView({ result }: { result: ActionResult }) {
  return (
    <article className={`action-result outcome-${result.outcome}`} aria-label={`${result.title} result`}>
      <header className="action-result-head">
        <h4>{result.title}</h4>
        <span className={`badge ${result.outcome === 'ok' ? 'badge-ok' : result.outcome === 'pending' ? '' : 'badge-bad'}`}>{OUTCOME_LABELS[result.outcome]}</span>
        <time className="muted small" dateTime={result.at}>
          {new Date(result.at).toLocaleTimeString()}
        </time>
      </header>
      <p className="action-summary">{result.summary}</p>
      {result.openUrl && (
        <p>
          <a href={result.openUrl} target="_blank" rel="noopener noreferrer">
            Open the IdP’s sign-out page
          </a>
          <span className="muted"> — if no tab opened (popup blocker), use this link.</span>
        </p>
      )}
      {result.rows.length > 0 && (
        <table className="params action-rows">
          <tbody>
            {result.rows.map((row, i) => (
              <tr key={`${row.name}-${i}`}>
                <th scope="row" className="mono">
                  {row.name}
                </th>
                <td className={`mono ${row.verdict ? VERDICT_CLASS[row.verdict] : ''}`}>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.body && (
        <details className="raw" open={result.kind === 'call-api'}>
          <summary>
            Body ({result.body.contentType}){result.body.truncated ? ' — cut: see the trace for more' : ''}
          </summary>
          <pre className="mono json" aria-label={`${result.title} body`}>
            {result.body.text}
          </pre>
        </details>
      )}
      {result.error && result.outcome === 'failed' && <FlowErrorView error={result.error} context={{ action: result.kind }} />}
    </article>
  );
}
