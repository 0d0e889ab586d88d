// "Test PKCE enforcement", beside "Get New Access Token": starts the probe with the form's settings
// and client secret choice (the secret itself is read in main).
import { useState } from 'react';
import { getApi } from '../../api';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFormStore } from '../../store/form-store';
import { useCurrentHasSecret, useCurrentProfileId } from '../../store/profiles-store';
import { useTypedSecret } from '../../store/secret-draft-store';
import { chooseClientSecret } from '../form/client-secret-choice';
import { useProbeStore } from './probe-store';

export function ProbeButton({ onError }: { onError: (message: string | null) => void }) {
  const settings = useFormStore((s) => s.settings);
  const profileId = useCurrentProfileId();
  const hasStored = useCurrentHasSecret();
  const typed = useTypedSecret(profileId);
  const keychainAvailable = useAppInfoStore((s) => s.info?.keychain.available !== false);
  const running = useProbeStore((s) => s.probe?.status === 'running');
  const [starting, setStarting] = useState(false);

  const start = async () => {
    onError(null);
    setStarting(true);
    try {
      const clientSecret = chooseClientSecret({ typed, hasStored, keychainAvailable });
      useProbeStore.getState().update(await getApi().startProbe({ settings, profileId, clientSecret }));
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err));
    } finally {
      setStarting(false);
    }
  };

  return (
    <button type="button" disabled={starting || running} aria-busy={starting || undefined} onClick={() => void start()}>
      Test PKCE enforcement
    </button>
  );
}
