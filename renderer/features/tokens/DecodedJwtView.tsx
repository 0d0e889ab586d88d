// A JWT decoded for reading: header and payload as JSON, the time claims as local dates, an expired
// flag, or calmly why the token is not a readable JWT. Nothing is verified here: main checks the
// tokens (main/oidc) and the validation panel shows what it found.
import { decodeJwtForDisplay, TIME_CLAIMS } from '../../../shared/jwt';
import { CopyButton } from '../../components/CopyButton';

export function DecodedJwtView({ token, now }: { token: string; now: number }) {
  const decoded = decodeJwtForDisplay(token, new Date(now));
  if (!decoded.ok) {
    return <p className="muted jwt-reason">{decoded.reason}</p>;
  }
  const times = TIME_CLAIMS.filter((c) => decoded.times[c] !== undefined);
  return (
    <div className="jwt">
      {decoded.expired && <p className="badge badge-bad">Expired</p>}
      {times.length > 0 && (
        <dl className="facts">
          {times.map((claim) => (
            <div key={claim} className="fact-row">
              <dt>{claim}</dt>
              <dd>
                <time dateTime={decoded.times[claim]}>{new Date(decoded.times[claim] as string).toLocaleString()}</time>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <div className="jwt-parts">
        <div>
          <div className="group-title">Header</div>
          <pre className="mono json" aria-label="JWT header">{JSON.stringify(decoded.header, null, 2)}</pre>
        </div>
        <div>
          <div className="token-value-head">
            <span className="group-title">Payload</span>
            <CopyButton value={JSON.stringify(decoded.payload, null, 2)} label="Copy JWT payload" />
          </div>
          <pre className="mono json" aria-label="JWT payload">{JSON.stringify(decoded.payload, null, 2)}</pre>
        </div>
      </div>
      <p className="muted small">Decoded as received: decoding alone verifies nothing (the checks, when made, are listed below).</p>
    </div>
  );
}
