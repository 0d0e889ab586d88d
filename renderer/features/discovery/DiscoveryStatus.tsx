// What the last Discover did, under the Issuer: what it filled and any warnings about the document,
// or why it found no metadata, in words, with both issuers side by side for a mismatch.
import type { DiscoveryError } from '../../../shared/oidc/discovery-result';
import type { DiscoveryRun } from './use-discovery';

export const DISCOVERY_STATUS_ID = 'field-issuer-discovery';

function MismatchDetail({ error, onUseIssuer }: { error: DiscoveryError; onUseIssuer(issuer: string): void }) {
  if (error.kind !== 'issuer_mismatch' || error.received === undefined) return null;
  const received = error.received;
  return (
    <>
      <dl className="issuer-compare">
        <dt>Issuer typed</dt>
        <dd className="mono">{error.expected}</dd>
        <dt>Issuer in the document</dt>
        <dd className="mono">{received}</dd>
      </dl>
      <button type="button" onClick={() => onUseIssuer(received)}>
        Use the document's issuer
      </button>
    </>
  );
}

export function DiscoveryStatus({ run, onUseIssuer }: { run: DiscoveryRun; onUseIssuer(issuer: string): void }) {
  if (run.running) {
    return (
      <p id={DISCOVERY_STATUS_ID} className="field-hint" role="status">
        Discovering…
      </p>
    );
  }
  if (run.failure !== null || (run.outcome && !run.outcome.ok)) {
    const error = run.outcome && !run.outcome.ok ? run.outcome.error : null;
    return (
      <div id={DISCOVERY_STATUS_ID} className="field-errors discovery-error" role="alert">
        <p>Discover failed: {error?.message ?? run.failure}</p>
        {error && <MismatchDetail error={error} onUseIssuer={onUseIssuer} />}
      </div>
    );
  }
  if (!run.outcome?.ok) return null;
  const { discovered, warnings } = run.outcome;
  return (
    <div id={DISCOVERY_STATUS_ID} role="status">
      <p className="field-hint">
        Discovered from <span className="mono">{discovered.source}</span>
        {run.filled.length > 0 ? `: ${run.filled.slice(0, -1).join(', ')}${run.filled.length > 1 ? ' and ' : ''}${run.filled.at(-1)} filled from the metadata.` : '.'}
      </p>
      {warnings.length > 0 && (
        <ul className="field-warnings">
          {warnings.map((w) => (
            <li key={w}>
              <span className="visually-hidden">Warning: </span>
              {w}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
