// A pushed flow's request_uri in the flow's facts (RFC 9126 2.2): what the browser was given and how
// long the IdP keeps it, e.g. "request_uri expires in 60 s (at 10:01:00)".
import type { ParOutcome } from '../../../shared/flow-types';

export function ParFacts({ par }: { par: ParOutcome }) {
  const until = par.expiresIn !== undefined ? new Date(Date.parse(par.pushedAt) + par.expiresIn * 1000) : null;
  return (
    <>
      <dt>Pushed (PAR)</dt>
      <dd>
        <span className="mono">{par.requestUri}</span>
        <br />
        {until ? (
          <>
            request_uri expires in {par.expiresIn} s (at <time dateTime={until.toISOString()}>{until.toLocaleTimeString()}</time>): sign in before then.
          </>
        ) : (
          'The PAR endpoint did not say when the request_uri expires.'
        )}
      </dd>
    </>
  );
}
