// The clock skew allowed when an ID token's exp, iat, nbf and auth_time are checked.
import { MAX_CLOCK_SKEW_SECONDS } from '../../../shared/settings';
import { useFormStore } from '../../store/form-store';
import { FieldMessages } from './FieldMessages';
import { useFieldIssues } from './form-issues-context';

export function ClockSkewField() {
  const value = useFormStore((s) => s.settings.clockSkewSeconds);
  const setField = useFormStore((s) => s.setField);
  const issues = useFieldIssues('clockSkewSeconds', 'field-clockSkewSeconds-hint');
  return (
    <div className="field">
      <div className="field-inline compact">
        <label htmlFor={issues.id}>Clock skew (seconds)</label>
        <input
          id={issues.id}
          type="number"
          min={0}
          max={MAX_CLOCK_SKEW_SECONDS}
          value={Number.isNaN(value) ? '' : value}
          aria-invalid={issues.invalid || undefined}
          aria-describedby={issues.describedBy}
          onChange={(e) => setField('clockSkewSeconds', e.target.valueAsNumber)}
        />
      </div>
      <p id="field-clockSkewSeconds-hint" className="field-hint">
        How far the IdP's clock and yours may differ when the ID token's exp, iat, nbf and auth_time are checked.
      </p>
      <FieldMessages issues={issues} />
    </div>
  );
}
