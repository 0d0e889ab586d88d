// The metadata kept with the settings, collapsed: where and when it was fetched and the fields the
// app uses (the whole document, as received, is in the discovery trace).
import type { DiscoveredMetadata } from '../../../shared/oidc/metadata';

export function MetadataDetails({ discovered, onForget }: { discovered: DiscoveredMetadata; onForget(): void }) {
  return (
    <details className="discovery-details">
      <summary>Metadata</summary>
      <p className="muted small">
        From <span className="mono">{discovered.source}</span>, fetched {new Date(discovered.fetchedAt).toLocaleString()}. Kept with the profile when you save it.
      </p>
      <pre className="mono json" aria-label="Metadata document">
        {JSON.stringify(discovered.metadata, null, 2)}
      </pre>
      <button type="button" onClick={onForget}>
        Forget metadata
      </button>
    </details>
  );
}
