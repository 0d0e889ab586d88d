// A request's DPoP proof (RFC 9449), decoded under the request in the trace: what was signed (header
// with the public key, payload with htm, htu, iat, jti, ath, nonce). Proofs are not secret.
import { decodeJwtForDisplay } from '../../../shared/jwt';

export function DpopProofView({ headers }: { headers: Record<string, string> }) {
  const proof = Object.entries(headers).find(([name]) => name.toLowerCase() === 'dpop')?.[1];
  if (proof === undefined) return null;
  const decoded = decodeJwtForDisplay(proof);
  return (
    <div className="dpop-proof">
      <span className="group-title">DPoP proof</span>
      {decoded.ok ? (
        <>
          <p className="muted small">
            Signed with the profile's DPoP key{decoded.payload.nonce !== undefined ? ', carrying the server\'s nonce' : ''}
            {decoded.payload.ath !== undefined ? '; ath is the SHA-256 of the access token it presents' : ''}. A proof is used once (jti).
          </p>
          <pre className="mono json" aria-label="Proof header">
            {JSON.stringify(decoded.header, null, 2)}
          </pre>
          <pre className="mono json" aria-label="Proof payload">
            {JSON.stringify(decoded.payload, null, 2)}
          </pre>
        </>
      ) : (
        <p className="note note-warning">The DPoP header is not a readable JWT: {decoded.reason}</p>
      )}
    </div>
  );
}
