// One labelled text input bound to a settings field, with its hint and issues.
import type { ReactNode } from 'react';
import { useFormStore } from '../../store/form-store';
import type { FlowSettings } from '../../../shared/settings';
import { FieldMessages } from './FieldMessages';
import { useFieldIssues } from './form-issues-context';

type TextSetting = { [K in keyof FlowSettings]: FlowSettings[K] extends string ? K : never }[keyof FlowSettings];

interface TextFieldProps {
  field: TextSetting;
  label: string;
  placeholder?: string;
  hint?: ReactNode;
  monospace?: boolean;
  /** Extra controls beside the input (e.g. a Generate button). */
  after?: ReactNode;
}

export function TextField({ field, label, placeholder, hint, monospace, after }: TextFieldProps) {
  const value = useFormStore((s) => s.settings[field]);
  const setField = useFormStore((s) => s.setField);
  const hintId = hint ? `field-${field}-hint` : undefined;
  const issues = useFieldIssues(field, hintId);
  return (
    <div className="field">
      <label htmlFor={issues.id}>{label}</label>
      <div className="field-control">
        <input
          id={issues.id}
          type="text"
          className={monospace ? 'mono' : undefined}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={issues.invalid || undefined}
          aria-describedby={issues.describedBy}
          onChange={(e) => setField(field, e.target.value)}
          onBlur={issues.onBlur}
        />
        {after}
      </div>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <FieldMessages issues={issues} />
    </div>
  );
}
