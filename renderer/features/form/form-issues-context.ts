// How a field learns its issues. Warnings show as soon as they apply; errors show once the user left
// the field or pressed the button, so a blank form does not open as a wall of red.
import { createContext, useContext } from 'react';
import type { IssuesByField } from './field-issues';
import { fieldId } from './field-issues';

export interface FormIssues {
  issues: IssuesByField;
  /** Whether errors of this field are shown yet. */
  errorsVisible(field: string): boolean;
  markTouched(field: string): void;
}

export const FormIssuesContext = createContext<FormIssues>({
  issues: { errors: new Map(), warnings: new Map() },
  errorsVisible: () => false,
  markTouched: () => undefined,
});

export interface FieldIssueProps {
  id: string;
  errors: string[];
  warnings: string[];
  /** For aria-describedby: the ids of the hint and of the issue lists that are shown. */
  describedBy: string | undefined;
  invalid: boolean;
  onBlur(): void;
}

export function useFieldIssues(field: string, hintId?: string): FieldIssueProps {
  const { issues, errorsVisible, markTouched } = useContext(FormIssuesContext);
  const id = fieldId(field);
  const errors = errorsVisible(field) ? (issues.errors.get(field) ?? []) : [];
  const warnings = issues.warnings.get(field) ?? [];
  const ids = [hintId, errors.length ? `${id}-errors` : undefined, warnings.length ? `${id}-warnings` : undefined].filter(Boolean);
  return { id, errors, warnings, describedBy: ids.length ? ids.join(' ') : undefined, invalid: errors.length > 0, onBlur: () => markTouched(field) };
}
