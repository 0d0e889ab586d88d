// The flow engine's "after tokens" step: the token response's lenience warnings and the validation
// of its tokens go into the flow's trace and snapshot. The tokens are kept whatever fails.
import { reportValid, type ValidationReport } from '../../shared/oidc/check-rows';
import type { FlowRecord } from '../flow/flow-record';
import { addCertificateBinding } from '../mtls/certificate-binding';
import type { TokenValidator } from './token-validator';

export async function recordTokenChecks(record: FlowRecord, warnings: string[], code: string, validator: TokenValidator, now: () => Date): Promise<void> {
  const tokens = record.snapshot.tokens;
  if (!tokens) return;
  const at = now();
  for (const message of warnings) record.trace({ kind: 'note', level: 'warning', message }, at);
  const outcome = await validator.validate(tokens, {
    settings: record.settings,
    clientSecret: record.clientSecret,
    nonce: record.snapshot.nonce,
    code,
    now: at,
    signal: record.abort.signal,
  });
  // Cancelled while the JWKS was being fetched: the flow has ended, leave it as it is.
  if (record.isFinal) return;
  if (record.keys.clientCertificate) addCertificateBinding(outcome.validation, tokens.accessToken, record.keys.clientCertificate);
  tokens.validation = outcome.validation;
  const done = now();
  for (const note of outcome.notes) record.trace({ kind: 'note', ...note }, done);
  const { idToken, accessToken } = outcome.validation;
  if (idToken) record.trace(summary('ID token', idToken), done);
  if (accessToken) record.trace(summary('JWT access token (informational)', accessToken), done);
}

function summary(what: string, report: ValidationReport) {
  const failed = report.rows.filter((r) => r.verdict === 'fail');
  const unchecked = report.rows.filter((r) => r.verdict === 'not checked').map((r) => r.name);
  const rest = unchecked.length > 0 ? ` Not checked: ${unchecked.join(', ')}.` : '';
  if (reportValid(report)) {
    return { kind: 'note' as const, level: 'info' as const, message: `${what}: no check failed.${rest}` };
  }
  const level = report.informational ? ('info' as const) : ('warning' as const);
  return { kind: 'note' as const, level, message: `${what}: ${failed.map((r) => `${r.name} fail (${r.reason})`).join('; ')}.${rest}` };
}
