// Validation results as rows of data: one row per check, each with a verdict word and the reason in
// words. The UI renders rows, tests assert rows; nothing here ever holds a secret.

export const VERDICTS = ['pass', 'fail', 'not checked'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The ID token's checks (OpenID Connect Core 3.1.3.7), in the order they are shown. */
export const ID_TOKEN_CHECKS = [
  'Signature',
  'Issuer (iss)',
  'Audience (aud)',
  'Authorized party (azp)',
  'Expiry (exp)',
  'Issued at (iat)',
  'Not before (nbf)',
  'Nonce',
  'Access token hash (at_hash)',
  'Code hash (c_hash)',
  'Auth time (auth_time)',
] as const;
/** Sender-constrained access tokens: the binding a bound token carries (RFC 8705 3.1: cnf x5t#S256). */
export const BINDING_CHECKS = ['Certificate binding (cnf x5t#S256)'] as const;
export type CheckName = (typeof ID_TOKEN_CHECKS)[number] | (typeof BINDING_CHECKS)[number];

export interface CheckRow {
  name: CheckName;
  verdict: Verdict;
  reason: string;
}

export interface ValidationReport {
  rows: CheckRow[];
  /**
   * A JWT access token's report: its audience is the API, not this client, so its rows tell the
   * tester something but never make the tokens "invalid".
   */
  informational: boolean;
}

/** What main checked about the tokens of one token response. */
export interface TokenValidation {
  idToken?: ValidationReport;
  accessToken?: ValidationReport;
}

export const row = (name: CheckName, verdict: Verdict, reason: string): CheckRow => ({ name, verdict, reason });

/** Valid means no row failed: `not checked` rows say what could not be known, not that it is wrong. */
export function reportValid(report: ValidationReport): boolean {
  return report.rows.every((r) => r.verdict !== 'fail');
}
