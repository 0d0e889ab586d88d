// The probe's report as a table: each case's expectation, what the IdP did, the verdict and the RFC.
import type { ProbeCaseResult } from '../../../shared/probe-types';

const VERDICT_LABELS: Record<ProbeCaseResult['verdict'], string> = { pass: 'pass', fail: 'fail', info: 'info', 'not run': 'not run', running: 'running…', pending: '' };

export function ProbeTable({ cases }: { cases: ProbeCaseResult[] }) {
  return (
    <table className="probe-table" aria-label="PKCE enforcement cases">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Case and expectation</th>
          <th scope="col">What happened</th>
          <th scope="col">Verdict</th>
          <th scope="col">RFC</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} className={`probe-case verdict-${c.verdict.replace(' ', '-')}`}>
            <td>{c.id}</td>
            <th scope="row">
              {c.title}
              <div className="muted">Expected: {c.expectation}</div>
            </th>
            <td>
              {c.observed && (
                <span className="mono">
                  {c.observed.summary}
                  {c.observed.errorDescription ? `: ${c.observed.errorDescription}` : ''}
                </span>
              )}
              {c.reason && <div className="muted">{c.reason}</div>}
            </td>
            <td>
              <span className={`badge verdict verdict-${c.verdict.replace(' ', '-')}`}>{VERDICT_LABELS[c.verdict]}</span>
            </td>
            <td>{c.rfc}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
