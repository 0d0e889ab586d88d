// Client Secret. The renderer never reads a stored secret back: a stored one shows as dots with
// Replace / Clear; a typed one is held only while the field shows it, and either saved to the keychain
// (sent once to main) or used for the next flows without being stored. Empty = a public client.
import { useState } from 'react';
import { useAppInfoStore } from '../../store/app-info-store';
import { useCurrentHasSecret, useCurrentProfileId, useProfilesStore } from '../../store/profiles-store';

interface ClientSecretFieldProps {
  typed: string;
  onTypedChange(value: string): void;
}

export function ClientSecretField({ typed, onTypedChange }: ClientSecretFieldProps) {
  const profileId = useCurrentProfileId();
  const hasStored = useCurrentHasSecret();
  const keychain = useAppInfoStore((s) => s.info?.keychain);
  const saveSecret = useProfilesStore((s) => s.saveSecret);
  const clearSecret = useProfilesStore((s) => s.clearSecret);
  const busy = useProfilesStore((s) => s.busy);
  const [replacing, setReplacing] = useState(false);
  const [reveal, setReveal] = useState(false);
  const keychainAvailable = keychain?.available !== false;
  const showStored = hasStored && keychainAvailable && !replacing;

  const save = async () => {
    if (!profileId || typed === '') return;
    if (await saveSecret(profileId, typed)) {
      onTypedChange('');
      setReplacing(false);
    }
  };

  let hint: string | null;
  if (showStored) hint = 'Read from the OS keychain by the app when a flow starts; it never comes back to this window.';
  else if (typed === '' && !hasStored) hint = 'Public client: no client authentication will be sent.';
  else if (typed === '') hint = 'Empty: the stored secret is kept and used.';
  else if (!keychainAvailable) hint = null; // the keychain warning below says it
  else if (profileId) hint = 'Not saved: used for flows until you save it to the keychain or leave this profile.';
  else hint = 'Used for flows until you switch profiles; nothing is stored. To keep a secret in the keychain, create a profile and enter it there.';

  const describedBy = [hint !== null && 'field-clientSecret-hint', !keychainAvailable && 'field-clientSecret-keychain'].filter(Boolean).join(' ');

  return (
    <div className="field">
      <label htmlFor="field-clientSecret">Client Secret</label>
      <div className="field-control">
        {showStored ? (
          <>
            <input id="field-clientSecret" type="text" readOnly value="•••• stored in keychain" aria-describedby={describedBy} />
            <button type="button" onClick={() => setReplacing(true)}>
              Replace
            </button>
            <button type="button" disabled={busy} onClick={() => profileId && void clearSecret(profileId)}>
              Clear
            </button>
          </>
        ) : (
          <>
            <input
              id="field-clientSecret"
              type={reveal ? 'text' : 'password'}
              className="mono"
              value={typed}
              autoComplete="off"
              spellCheck={false}
              placeholder={hasStored && keychainAvailable ? 'New secret' : 'Empty for a public client'}
              aria-describedby={describedBy}
              onChange={(e) => onTypedChange(e.target.value)}
            />
            <button type="button" className="link-button" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
              {reveal ? 'Hide' : 'Show'}
            </button>
            {profileId && keychainAvailable && typed !== '' && (
              <button type="button" disabled={busy} onClick={() => void save()}>
                Save to keychain
              </button>
            )}
            {replacing && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onTypedChange('');
                  setReplacing(false);
                }}
              >
                Keep the stored one
              </button>
            )}
          </>
        )}
      </div>
      {hint !== null && (
        <p id="field-clientSecret-hint" className="field-hint">
          {hint}
        </p>
      )}
      {!keychainAvailable && (
        <details className="keychain-warning">
          <summary>
            <span id="field-clientSecret-keychain">Keychain unavailable: the secret is used for this flow only, not stored</span>
            <span className="disclosure-label">Why, and how to fix</span>
          </summary>
          <p className="keychain-reason">{keychain?.reason ?? 'The OS keychain cannot be reached.'}</p>
        </details>
      )}
    </div>
  );
}
