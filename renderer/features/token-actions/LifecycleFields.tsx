// The Advanced fields of the token's life after the flow: where refresh, revocation, introspection,
// UserInfo and sign-out go (empty: the discovered metadata; Refresh Token URL: the Access Token URL),
// the refresh request's extra parameters, and auto-refresh.
import { useId } from 'react';
import { AUTO_REFRESH_SECONDS_MAX } from '../../../shared/settings';
import { useFormStore } from '../../store/form-store';
import { CheckboxField } from '../form/CheckboxField';
import { KeyValueRows } from '../form/KeyValueRows';
import { TextField } from '../form/TextField';

const fromMetadata = (name: string) => `Empty: ${name} from the discovered metadata.`;

export function LifecycleFields() {
  const seconds = useFormStore((s) => s.settings.autoRefreshSeconds);
  const enabled = useFormStore((s) => s.settings.autoRefresh);
  const setField = useFormStore((s) => s.setField);
  const secondsId = useId();
  return (
    <>
      <TextField field="refreshTokenUrl" label="Refresh Token URL" monospace hint="Where Refresh sends grant_type=refresh_token. Empty: the Access Token URL." />
      <KeyValueRows field="extraRefreshParams" title="Extra refresh request parameters" sendAs />
      <CheckboxField field="autoRefresh" label="Auto-refresh token" hint="While the app runs, refresh a token that has a refresh token shortly before it expires; its entry shows a countdown." />
      <div className="field">
        <label htmlFor={secondsId}>Seconds before expiry</label>
        <div className="field-control">
          <input
            id={secondsId}
            type="number"
            min={1}
            max={AUTO_REFRESH_SECONDS_MAX}
            value={seconds}
            disabled={!enabled}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (Number.isFinite(n) && e.target.value !== '') setField('autoRefreshSeconds', Math.min(AUTO_REFRESH_SECONDS_MAX, Math.max(1, n)));
            }}
          />
        </div>
        <p className="field-hint">Default 60. A token living less than this is refreshed at half its lifetime.</p>
      </div>
      <TextField field="revocationUrl" label="Revocation URL" monospace hint={`RFC 7009, for Revoke. ${fromMetadata('revocation_endpoint')}`} />
      <TextField field="introspectionUrl" label="Introspection URL" monospace hint={`RFC 7662, for Introspect. ${fromMetadata('introspection_endpoint')}`} />
      <TextField field="userinfoUrl" label="UserInfo URL" monospace hint={`OpenID Connect UserInfo. ${fromMetadata('userinfo_endpoint')}`} />
      <TextField field="endSessionUrl" label="End Session URL" monospace hint={`RP-Initiated Logout, for Sign out at IdP. ${fromMetadata('end_session_endpoint')}`} />
    </>
  );
}
