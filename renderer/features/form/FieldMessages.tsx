// A field's errors and warnings, under it, referenced by the input's aria-describedby.
import type { FieldIssueProps } from './form-issues-context';

export function FieldMessages({ issues }: { issues: Pick<FieldIssueProps, 'id' | 'errors' | 'warnings'> }) {
  return (
    <>
      {issues.errors.length > 0 && (
        <ul id={`${issues.id}-errors`} className="field-errors" role="alert">
          {issues.errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {issues.warnings.length > 0 && (
        <ul id={`${issues.id}-warnings`} className="field-warnings">
          {issues.warnings.map((m) => (
            <li key={m}>
              <span className="visually-hidden">Warning: </span>
              {m}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
