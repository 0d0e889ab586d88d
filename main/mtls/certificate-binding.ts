// Certificate-bound access tokens (RFC 8705 3): a bound token carries the SHA-256 thumbprint of the
// client certificate in `cnf.x5t#S256`, in a JWT access token or in the introspection answer. Here
// that value is compared with the thumbprint of the certificate this app presented, as one row.
import { decodeJwtForDisplay } from '../../shared/jwt';
import { BINDING_CHECKS, row, type CheckRow, type TokenValidation } from '../../shared/oidc/check-rows';
import type { PresentedCertificate } from '../../shared/flow-types';
import type { ResultRow } from '../../shared/token-actions';
import type { ClientCertificateMaterial } from '../keys/key-material';

const CHECK = BINDING_CHECKS[0];
type Binding = { verdict: 'pass' | 'fail' | 'not checked'; reason: string };

/** What the trace says of a presented certificate: subject and thumbprint, never the key. */
export function presentedCertificate(material: ClientCertificateMaterial): PresentedCertificate {
  return { subject: material.subject ?? '(subject unknown)', thumbprint: material.thumbprint };
}

/** The binding found in a `cnf` claim or member, compared with the presented certificate's thumbprint. */
export function compareBinding(cnf: unknown, thumbprint: string): Binding {
  const bound = cnf !== null && typeof cnf === 'object' ? (cnf as Record<string, unknown>)['x5t#S256'] : undefined;
  if (bound === undefined) {
    return { verdict: 'fail', reason: `no cnf x5t#S256: the token is not bound to the client certificate presented (${thumbprint}); the IdP issued a bearer token (tls_client_certificate_bound_access_tokens off for this client?).` };
  }
  if (bound === thumbprint) return { verdict: 'pass', reason: `cnf x5t#S256 ${thumbprint} is the thumbprint of the client certificate presented: the token is bound to it.` };
  return { verdict: 'fail', reason: `cnf x5t#S256 is ${JSON.stringify(bound)}, but the certificate presented has ${thumbprint}: the token is bound to another certificate.` };
}

/** The access token report with its certificate binding row (an opaque token: "not checked", Introspect shows it). */
export function addCertificateBinding(validation: TokenValidation, accessToken: string | undefined, certificate: ClientCertificateMaterial): void {
  if (accessToken === undefined) return;
  const decoded = decodeJwtForDisplay(accessToken);
  const found = decoded.ok ? compareBinding(decoded.payload.cnf, certificate.thumbprint) : { verdict: 'not checked' as const, reason: 'the access token is opaque: Introspect it to see its cnf x5t#S256.' };
  const binding: CheckRow = row(CHECK, found.verdict, found.reason);
  if (validation.accessToken) validation.accessToken.rows.push(binding);
  else validation.accessToken = { informational: true, rows: [binding] };
}

/** The introspection answer's binding as a result row; null when no certificate was presented. */
export function introspectionBindingRow(answer: Record<string, unknown>, certificate: ClientCertificateMaterial | undefined): ResultRow | null {
  if (!certificate || answer.active !== true) return null;
  const { verdict, reason } = compareBinding(answer.cnf, certificate.thumbprint);
  return { name: CHECK, value: reason, verdict: verdict === 'pass' ? 'ok' : 'bad' };
}
