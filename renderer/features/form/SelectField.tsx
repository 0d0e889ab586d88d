// A labelled select bound to an enum settings field.
import type { FlowSettings } from '../../../shared/settings';
import { useFormStore } from '../../store/form-store';
import { FieldMessages } from './FieldMessages';
import { useFieldIssues } from './form-issues-context';

type EnumSetting = 'codeChallengeMethod' | 'clientAuthentication' | 'assertionAudience';

interface SelectFieldProps<K extends EnumSetting> {
  field: K;
  label: string;
  options: { value: FlowSettings[K]; label: string }[];
  hint?: string;
}

export function SelectField<K extends EnumSetting>({ field, label, options, hint }: SelectFieldProps<K>) {
  const value = useFormStore((s) => s.settings[field]);
  const setField = useFormStore((s) => s.setField);
  const hintId = hint ? `field-${field}-hint` : undefined;
  const issues = useFieldIssues(field, hintId);
  return (
    <div className="field">
      <label htmlFor={issues.id}>{label}</label>
      <select
        id={issues.id}
        value={value}
        aria-describedby={issues.describedBy}
        onChange={(e) => setField(field, e.target.value as FlowSettings[K])}
        onBlur={issues.onBlur}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <FieldMessages issues={issues} />
    </div>
  );
}
