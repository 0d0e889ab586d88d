// A signed request object (RFC 9101) in the trace: its header and claims exactly as signed, and the
// compact JWT that was sent. Nothing in it is secret, except with `plain`, where its code_challenge
// is the verifier: then it is masked like the verifier until secrets are revealed.
import type { TraceEntry } from '../../../shared/flow-types';
import { CopyButton } from '../../components/CopyButton';
import { maskValue } from '../trace/mask';

type Entry = Extract<TraceEntry, { kind: 'request_object' }>;

export function RequestObjectView({ entry, reveal, secrets }: { entry: Entry; reveal: boolean; secrets: ReadonlySet<string> }) {
  const masked = !reveal && secrets.has('request');
  const payload = masked ? Object.fromEntries(Object.entries(entry.payload).map(([k, v]) => [k, secrets.has(k) && typeof v === 'string' ? maskValue(v) : v])) : entry.payload;
  return (
    <div className="jwt">
      <p className="muted small">
        The authorization parameters as the claims of a JWT signed with the profile&apos;s signing key (typ {String(entry.header.typ)}); the IdP must ignore any
        parameter outside it.
      </p>
      <div className="jwt-parts">
        <div>
          <div className="group-title">Header</div>
          <pre className="mono json" aria-label="Request object header">{JSON.stringify(entry.header, null, 2)}</pre>
        </div>
        <div>
          <div className="group-title">Payload</div>
          <pre className="mono json" aria-label="Request object payload">{JSON.stringify(payload, null, 2)}</pre>
        </div>
      </div>
      <div className="token-value-head">
        <p className="mono wrap small">{masked ? maskValue(entry.jwt) : entry.jwt}</p>
        {!masked && <CopyButton value={entry.jwt} label="Copy request object" />}
      </div>
    </div>
  );
}
