// Discover, from the form: asks main for the issuer's metadata, then fills Auth URL and Access Token
// URL and keeps the metadata in the settings (so Save keeps it with the profile). The outcome, with
// its trace, belongs to the Issuer it was for: editing the Issuer or loading another profile hides it.
import { useRef, useState } from 'react';
import type { DiscoveryOutcome } from '../../../shared/oidc/discovery-result';
import { getApi } from '../../api';
import { useFormStore } from '../../store/form-store';
import { applyParRequirement } from '../fapi/AuthorizationRequestOptions';

export interface DiscoveryRun {
  /** The Issuer as it was when Discover was pressed. */
  issuer: string;
  running: boolean;
  outcome: DiscoveryOutcome | null;
  /** The call itself failed (e.g. browser mode lost its server): no outcome, only this message. */
  failure: string | null;
  /** What the fill changed, for the status line. */
  filled: string[];
}

export function useDiscovery(): { run: DiscoveryRun | null; discover(issuer: string): Promise<void> } {
  const currentIssuer = useFormStore((s) => s.settings.issuer);
  const [run, setRun] = useState<DiscoveryRun | null>(null);
  const latest = useRef(0);

  const discover = async (issuer: string) => {
    const ticket = ++latest.current;
    setRun({ issuer, running: true, outcome: null, failure: null, filled: [] });
    let outcome: DiscoveryOutcome;
    try {
      outcome = await getApi().discover({ issuer });
    } catch (err) {
      if (ticket === latest.current) setRun({ issuer, running: false, outcome: null, failure: err instanceof Error ? err.message : String(err), filled: [] });
      return;
    }
    // A newer press, an edited Issuer or another profile loaded meanwhile: this answer is for settings no longer shown.
    if (ticket !== latest.current || useFormStore.getState().settings.issuer !== issuer) return;
    const filled: string[] = [];
    if (outcome.ok) {
      const { setField } = useFormStore.getState();
      const { metadata } = outcome.discovered;
      const previous = useFormStore.getState().settings.metadata?.metadata;
      setField('metadata', outcome.discovered);
      if (metadata.authorization_endpoint) {
        setField('authUrl', metadata.authorization_endpoint);
        filled.push('Auth URL');
      }
      if (metadata.token_endpoint) {
        setField('accessTokenUrl', metadata.token_endpoint);
        filled.push('Access Token URL');
      }
      filled.push(...applyParRequirement(previous, metadata));
    }
    setRun({ issuer, running: false, outcome, failure: null, filled });
  };

  return { run: run && run.issuer === currentIssuer ? run : null, discover };
}
