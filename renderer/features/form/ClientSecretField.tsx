// Client Secret. The renderer never reads a stored secret back: a stored one shows as dots with
// Replace / Clear; a typed one is held in this window's memory until the profile's Save stores it in
// the keychain with the settings (One Save), or used for the next flows without being stored.
// Empty = a public client. When main refuses to send the stored secret to this flow's endpoint, the
// field says why and asks for the secret again.
import { useState } from 'react';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFormStore } from '../../store/form-store';
import { useCurrentHasSecret, useCurrentProfileId, useProfilesStore } from '../../store/profiles-store';
import { useSecretDraftStore } from '../../store/secret-draft-store';

interface ClientSecretFieldProps {
  typed: string;
  onTypedChange(value: string): void;
}

export function ClientSecretField({ typed, onTypedChange }: ClientSecretFieldProps) {
  const profileId = useCurrentProfileId();
  const hasStored = useCurrentHasSecret();
  const keychainAvailable = useAppInfoStore((s) => s.info?.keychain.available !== false);
  const clearSecret = useProfilesStore((s) => s.clearSecret);
  const busy = useProfilesStore((s) => s.busy);
  const refusal = useSecretDraftStore((s) => (s.refusal && s.refusal.profileId === profileId ? s.refusal.message : null));
  const method = useFormStore((s) => s.settings.clientAuthentication);
  const [replacing, setReplacing] = useState(false);
  const [reveal, setReveal] = useState(false);
  // A refused stored secret must be typed again: the field opens for it.
  const showStored = hasStored && keychainAvailable && !replacing && refusal === null;

  let hint: string | null;
  if (showStored) hint = 'Read from the OS keychain by the app when a flow starts, and sent only to the token endpoint it was saved for; it never comes back to this window.';
  else if (refusal !== null && typed === '') hint = null; // the refusal says what to do
  else if (typed === '' && !hasStored && method === 'private_key_jwt') hint = 'Not used: private_key_jwt authenticates the client with the profile\u2019s signing key.';
  else if (typed === '' && !hasStored && method === 'client_secret_jwt') hint = 'client_secret_jwt signs its assertion with the client secret (HMAC): enter it.';
  else if (typed === '' && !hasStored) hint = 'Public client: no client authentication will be sent.';
  else if (typed === '') hint = 'Empty: the stored secret is kept and used.';
  else if (!keychainAvailable) hint = 'Used for flows in this window only: without the OS keychain it cannot be stored.';
  else if (profileId) hint = 'Not saved yet: Save (under Profiles) stores it in the OS keychain with the profile. Until then it is used for flows here.';
  else hint = 'Used for flows until you switch profiles; nothing is stored. To keep it, create a profile from the form as it is now (New…): the secret is stored with it.';

  const describedBy = [refusal !== null && 'field-clientSecret-refused', hint !== null && 'field-clientSecret-hint'].filter(Boolean).join(' ') || undefined;

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
              placeholder={hasStored && keychainAvailable ? 'Enter the secret again' : 'Empty for a public client'}
              aria-describedby={describedBy}
              aria-invalid={refusal !== null && typed === '' ? true : undefined}
              onChange={(e) => onTypedChange(e.target.value)}
            />
            <button type="button" className="link-button" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
              {reveal ? 'Hide' : 'Show'}
            </button>
            {replacing && refusal === null && (
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
      {refusal !== null && (
        <p id="field-clientSecret-refused" className="field-errors" role="alert">
          {refusal}
        </p>
      )}
      {hint !== null && (
        <p id="field-clientSecret-hint" className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
