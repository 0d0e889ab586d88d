// Issuer and Discover: the IdP's issuer identifier, and the button that reads its metadata. Discover
// is disabled, with the reason said, while the Issuer cannot be discovered (empty, a preset's
// placeholder left, not a URL). Pre-flight warnings from the metadata show at their own fields.
import { checkIssuer } from '../../../shared/oidc/discovery-url';
import { useFormStore } from '../../store/form-store';
import { FieldMessages } from '../form/FieldMessages';
import { useFieldIssues } from '../form/form-issues-context';
import { DiscoveryStatus, DISCOVERY_STATUS_ID } from './DiscoveryStatus';
import { DiscoveryTrace, MetadataDetails } from '../../lazy/lazy-panels';
import { useDiscovery } from './use-discovery';

const HINT_ID = 'field-issuer-hint';

export function IssuerField() {
  const issuer = useFormStore((s) => s.settings.issuer);
  const metadata = useFormStore((s) => s.settings.metadata);
  const setField = useFormStore((s) => s.setField);
  const issues = useFieldIssues('issuer', HINT_ID);
  const { run, discover } = useDiscovery();
  const check = checkIssuer(issuer);
  const hint =
    issuer.trim() !== '' && !check.ok
      ? check.reason
      : 'Optional. Discover reads the IdP\'s metadata ({issuer}/.well-known/openid-configuration, or RFC 8414\'s URL) and fills Auth URL and Access Token URL.';
  const describedBy = [issues.describedBy, run ? DISCOVERY_STATUS_ID : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <div className="field">
      <label htmlFor={issues.id}>Issuer</label>
      <div className="field-control">
        <input
          id={issues.id}
          type="text"
          className="mono"
          value={issuer}
          placeholder="https://idp.example.com"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={issues.invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => setField('issuer', e.target.value)}
          onBlur={issues.onBlur}
          onKeyDown={(e) => {
            // Enter in the Issuer means Discover, not "Get New Access Token".
            if (e.key === 'Enter') {
              e.preventDefault();
              if (check.ok && !run?.running) void discover(issuer);
            }
          }}
        />
        <button type="button" disabled={!check.ok || run?.running === true} title={check.ok ? undefined : check.reason} aria-describedby={HINT_ID} onClick={() => void discover(issuer)}>
          Discover
        </button>
      </div>
      <p id={HINT_ID} className="field-hint">
        {hint}
      </p>
      <FieldMessages issues={issues} />
      {run && (
        <DiscoveryStatus
          run={run}
          onUseIssuer={(received) => {
            setField('issuer', received);
            void discover(received);
          }}
        />
      )}
      {metadata && <MetadataDetails discovered={metadata} onForget={() => setField('metadata', null)} />}
      {run?.outcome && <DiscoveryTrace trace={run.outcome.trace} />}
    </div>
  );
}
