// Call API: method, URL and optional headers (remembered with the profile), sent with the entry's
// access token as `Authorization: Bearer`. One request to prove the token works.
import { useId } from 'react';
import { API_METHODS, type ApiMethod } from '../../../shared/settings';
import { useFormStore } from '../../store/form-store';
import { KeyValueRows } from '../form/KeyValueRows';
import { ActionButton } from './ActionButton';
import type { Availability } from './action-availability';

export function CallApiPanel({ availability, busy, onCall }: { availability: Availability; busy: boolean; onCall(): void }) {
  const method = useFormStore((s) => s.settings.apiMethod);
  const url = useFormStore((s) => s.settings.apiUrl);
  const setField = useFormStore((s) => s.setField);
  const methodId = useId();
  const urlId = useId();
  return (
    <fieldset className="call-api">
      <legend>One API request with this token</legend>
      <div className="field-control">
        <label htmlFor={methodId} className="visually-hidden">
          Method
        </label>
        <select id={methodId} value={method} onChange={(e) => setField('apiMethod', e.target.value as ApiMethod)}>
          {API_METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <label htmlFor={urlId} className="visually-hidden">
          API URL
        </label>
        <input id={urlId} type="text" className="mono" value={url} placeholder="https://graph.microsoft.com/v1.0/me" spellCheck={false} autoComplete="off" onChange={(e) => setField('apiUrl', e.target.value)} />
        <ActionButton label="Call API" availability={availability} busy={busy} onClick={onCall} />
      </div>
      <KeyValueRows field="apiHeaders" title="API request headers" />
      <p className="field-hint">Sent with Authorization: Bearer and the access token (unless you add your own Authorization header). Saved with the profile.</p>
    </fieldset>
  );
}
