// The settings check, arranged for the form: issues by field, and the fields in the order they appear,
// so "focus the first error" means the first one on screen.
import type { FieldIssue } from '../../../shared/errors';
import type { FlowSettings } from '../../../shared/settings';
import type { SettingsCheck } from '../../../shared/settings-validation';

export const FIELD_ORDER: (keyof FlowSettings)[] = [
  'tokenName',
  'authorizeMode',
  'callbackUrl',
  'issuer',
  'authUrl',
  'accessTokenUrl',
  'clientId',
  'codeChallengeMethod',
  'codeVerifier',
  'verifierLength',
  'scope',
  'state',
  'clientAuthentication',
  'audience',
  'resource',
  'tokenRequestOrigin',
  'extraAuthParams',
  'usePar',
  'parUrl',
  'signAuthorizationRequest',
  'extraTokenParams',
  'keepCookies',
  'jwksUri',
  'clockSkewSeconds',
  'allowIssuerMismatch',
  'omitCodeVerifier',
  'useClientCertificate',
];

export const ADVANCED_FIELDS = new Set<string>([
  'audience', 'resource', 'tokenRequestOrigin', 'extraAuthParams', 'extraTokenParams', 'keepCookies', 'jwksUri', 'clockSkewSeconds', 'allowIssuerMismatch', 'omitCodeVerifier',
  'refreshTokenUrl', 'revocationUrl', 'introspectionUrl', 'userinfoUrl', 'endSessionUrl', 'extraRefreshParams', 'autoRefresh', 'autoRefreshSeconds',
  'usePar', 'parUrl', 'signAuthorizationRequest', 'useClientCertificate',
]);

/** The DOM id of a field's input; issues are `${id}-errors` / `${id}-warnings`. */
export const fieldId = (field: string): string => `field-${field}`;

export interface IssuesByField {
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
}

/**
 * The form field an issue belongs to. Main names paths: `extraAuthParams[2].key` from the settings
 * check, `settings.verifierLength` or `settings.extraAuthParams.2.key` from the input schema.
 */
export function formFieldOf(path: string): string {
  const relative = path.replace(/^settings\./, '');
  return relative.split(/[.[]/)[0] || relative;
}

function group(issues: FieldIssue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { field, message } of issues) {
    const key = formFieldOf(field);
    map.set(key, [...(map.get(key) ?? []), message]);
  }
  return map;
}

export function issuesByField(check: SettingsCheck, serverErrors: FieldIssue[] = []): IssuesByField {
  return { errors: group([...check.errors, ...serverErrors]), warnings: group(check.warnings) };
}

/** The first field, in screen order, that has an error (errors on unknown fields come last). */
export function firstErrorField(errors: Map<string, string[]>): string | null {
  for (const field of FIELD_ORDER) if (errors.has(field)) return field;
  return errors.keys().next().value ?? null;
}
