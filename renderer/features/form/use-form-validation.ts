// The form's validation state: the live settings check (the same rules main enforces), the pre-flight
// warnings from the IdP's discovered metadata, errors main returned for exactly these settings, and
// which fields show their errors yet (left, or after a press of the button).
import { useMemo, useState } from 'react';
import type { FieldIssue } from '../../../shared/errors';
import { VERIFIER_MAX_LENGTH, VERIFIER_MIN_LENGTH } from '../../../shared/pkce';
import type { AuthorizeMode, FlowSettings } from '../../../shared/settings';
import { checkSettings } from '../../../shared/settings-validation';
import { preflightWarnings, type PreflightContext } from '../../../shared/oidc/preflight';
import { formFieldOf, issuesByField } from './field-issues';
import type { FormIssues } from './form-issues-context';

/** Errors main returned for exactly these settings; they go stale as soon as the user edits. */
interface ServerErrors {
  settings: FlowSettings;
  fields: FieldIssue[];
}

/** What the number input can hold but the schema cannot (an empty or fractional length). */
function verifierLengthErrors(settings: FlowSettings): FieldIssue[] {
  const n = settings.verifierLength;
  return Number.isInteger(n) && n >= VERIFIER_MIN_LENGTH && n <= VERIFIER_MAX_LENGTH
    ? []
    : [{ field: 'verifierLength', message: `Verifier length must be a whole number from ${VERIFIER_MIN_LENGTH} to ${VERIFIER_MAX_LENGTH}.` }];
}

export interface FormValidation {
  formIssues: FormIssues;
  /** Errors by field, shown or not yet. */
  errors: Map<string, string[]>;
  submitted: boolean;
  /** After a press of the button: every error shows. */
  markSubmitted(): void;
  setServerErrors(fields: FieldIssue[]): void;
}

export function useFormValidation(settings: FlowSettings, supportedModes: readonly AuthorizeMode[] | undefined, preflight: PreflightContext): FormValidation {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<ServerErrors | null>(null);
  const serverFields = useMemo(() => (server?.settings === settings ? server.fields : []), [server, settings]);

  const { hasClientSecret, signingKeyAlg } = preflight;
  const issues = useMemo(() => {
    const base = checkSettings(settings, supportedModes);
    const warnings = [...base.warnings, ...preflightWarnings(settings, { hasClientSecret, ...(signingKeyAlg ? { signingKeyAlg } : {}) })];
    return issuesByField({ errors: [...base.errors, ...verifierLengthErrors(settings)], warnings }, serverFields);
  }, [settings, supportedModes, serverFields, hasClientSecret, signingKeyAlg]);

  const formIssues: FormIssues = useMemo(
    () => ({
      issues,
      errorsVisible: (field) => submitted || touched.has(field) || serverFields.some((f) => formFieldOf(f.field) === field),
      markTouched: (field) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field))),
    }),
    [issues, submitted, touched, serverFields],
  );

  return {
    formIssues,
    errors: issues.errors,
    submitted,
    markSubmitted: () => setSubmitted(true),
    setServerErrors: (fields) => setServer({ settings, fields }),
  };
}
