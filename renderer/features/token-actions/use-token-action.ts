// Runs a token action in main with the form's settings and client secret choice (the secret itself
// stays in main or in the keychain), and puts the answer into the flows store: the entry acted on,
// and, after a refresh, the new entry, which becomes the selected one.
import { useState } from 'react';
import type { TokenAction } from '../../../shared/token-actions';
import { getApi } from '../../api';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFlowsStore } from '../../store/flows-store';
import { useFormStore } from '../../store/form-store';
import { useCurrentHasSecret, useCurrentProfileId } from '../../store/profiles-store';
import { useTypedSecret } from '../../store/secret-draft-store';
import { useUiStore } from '../../store/ui-store';
import { chooseClientSecret } from '../form/client-secret-choice';

export function useTokenAction(flowId: string) {
  const settings = useFormStore((s) => s.settings);
  const profileId = useCurrentProfileId();
  const hasStored = useCurrentHasSecret();
  const typed = useTypedSecret(profileId);
  const keychainAvailable = useAppInfoStore((s) => s.info?.keychain.available !== false);
  const upsert = useFlowsStore((s) => s.upsert);
  const selectFlow = useUiStore((s) => s.selectFlow);
  const [running, setRunning] = useState<TokenAction['kind'] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: TokenAction) => {
    setRunning(action.kind);
    setError(null);
    try {
      const clientSecret = chooseClientSecret({ typed, hasStored, keychainAvailable });
      const { flow, created } = await getApi().tokenAction({ flowId, action, settings, profileId, clientSecret });
      upsert(flow);
      if (created) {
        upsert(created);
        selectFlow(created.flowId);
      }
      // Browser mode: the page opens the IdP's sign-out page itself.
      const opened = flow.lifecycle?.results.at(-1)?.openUrl;
      if (action.kind === 'sign-out' && opened) window.open(opened, '_blank', 'noopener');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setRunning(null);
    }
  };
  return { run, running, error, settings };
}
