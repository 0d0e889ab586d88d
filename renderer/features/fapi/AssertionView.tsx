// The client assertion of a token, refresh, revocation or introspection request, decoded: exactly
// what was signed (header: alg, kid, typ; payload: iss, sub, aud, jti, iat, exp). Neither part is
// secret, so both show in clear; the signed value itself is masked in the body like a code.
import type { DecodedAssertion } from '../../../shared/flow-types';
import { ParamsTable } from '../trace/ParamsTable';

const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf']);

function claimRows(claims: Record<string, unknown>): [string, string][] {
  return Object.entries(claims).map(([name, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return [name, TIME_CLAIMS.has(name) && typeof value === 'number' ? `${text} (${new Date(value * 1000).toISOString()})` : text];
  });
}

export function AssertionView({ assertion }: { assertion: DecodedAssertion }) {
  const { iat, exp } = assertion.payload;
  const lifetime = typeof iat === 'number' && typeof exp === 'number' ? ` valid ${exp - iat} s` : '';
  return (
    <div className="client-assertion">
      <p className="muted small">Client assertion (RFC 7523), decoded:{lifetime}, single use (jti).</p>
      <ParamsTable caption="Client assertion header" rows={claimRows(assertion.header)} />
      <ParamsTable caption="Client assertion payload" rows={claimRows(assertion.payload)} />
    </div>
  );
}

/** How a request authenticated the client, in words for the trace. */
export function clientAuthWords(method: string, redacted: string): string {
  switch (method) {
    case 'none':
      return 'none (public client: client_id in the body)';
    case 'basic':
      return `Basic header (the client secret shows as ${redacted})`;
    case 'body':
      return `client_secret in the body (shown as ${redacted})`;
    case 'private_key_jwt':
      return 'private_key_jwt: a client assertion signed with the profile\u2019s private key (decoded below; the key never reaches this window)';
    case 'client_secret_jwt':
      return 'client_secret_jwt: a client assertion signed (HMAC) with the client secret (decoded below; the secret never reaches this window)';
    case 'tls_client_auth':
      return 'tls_client_auth: the TLS client certificate (client_id in the body)';
    case 'self_signed_tls_client_auth':
      return 'self_signed_tls_client_auth: the self-signed TLS client certificate (client_id in the body)';
    default:
      return method;
  }
}
