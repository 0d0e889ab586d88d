// A labelled checkbox bound to a boolean settings field.
import type { ReactNode } from 'react';
import { useFormStore } from '../../store/form-store';
import { FieldMessages } from './FieldMessages';
import { useFieldIssues } from './form-issues-context';

interface CheckboxFieldProps {
  field: 'keepCookies' | 'omitCodeVerifier' | 'allowIssuerMismatch' | 'autoRefresh' | 'pauseBeforeTokenRequest' | 'useClientCertificate';
  label: string;
  hint: ReactNode;
  disabled?: boolean;
}

export function CheckboxField({ field, label, hint, disabled }: CheckboxFieldProps) {
  const checked = useFormStore((s) => s.settings[field]);
  const setField = useFormStore((s) => s.setField);
  const issues = useFieldIssues(field, `field-${field}-hint`);
  return (
    <div className="field">
      <div className="field-inline">
        <input id={issues.id} type="checkbox" checked={checked} disabled={disabled} aria-describedby={issues.describedBy} onChange={(e) => setField(field, e.target.checked)} />
        <label htmlFor={issues.id}>{label}</label>
      </div>
      <p id={`field-${field}-hint`} className="field-hint">
        {hint}
      </p>
      <FieldMessages issues={issues} />
    </div>
  );
}
