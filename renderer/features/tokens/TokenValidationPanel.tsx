// What main checked about a token, one row per check: the check's name, its verdict word (pass,
// fail, not checked) and the reason in words. Shown under the token it is about; the token itself is
// always shown above it, whatever failed.
import { useId } from 'react';
import type { ValidationReport } from '../../../shared/oidc/check-rows';
import { CheckRowsTable } from './CheckRowsTable';

/** `checkedAt`: when the tokens arrived; times in the reasons ("in 15 min") are relative to it. */
export function TokenValidationPanel({ title, report, checkedAt }: { title: string; report: ValidationReport; checkedAt: string }) {
  const headingId = useId();
  return (
    <section className="token-validation" aria-labelledby={headingId}>
      <h4 id={headingId} className="group-title">
        {title}
      </h4>
      <p className="muted small">
        Checked when the tokens arrived, at <time dateTime={checkedAt}>{new Date(checkedAt).toLocaleTimeString()}</time>.
        {report.informational && ' Informational: an access token is meant for the API (its audience), so these checks never make the tokens invalid.'}
      </p>
      <CheckRowsTable rows={report.rows} />
    </section>
  );
}
