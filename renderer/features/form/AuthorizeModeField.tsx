// "Authorize using browser" as in Postman, plus the choice Postman lacks: a loopback redirect
// (RFC 8252 7.3, the default) or the app's custom scheme (RFC 8252 7.1). Unticked means the embedded
// window, which is what Postman does and what some IdPs refuse.
import { APP_SCHEME } from '../../../shared/app-identity';
import type { AuthorizeMode } from '../../../shared/settings';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFormStore } from '../../store/form-store';
import { callbackAfterModeSwitch } from './callback-for-mode';
import { FieldMessages } from './FieldMessages';
import { useFieldIssues } from './form-issues-context';

const BROWSER_MODES: { mode: AuthorizeMode; label: string; detail: string }[] = [
  { mode: 'browser-loopback', label: 'Loopback redirect (RFC 8252, recommended)', detail: 'The app listens on 127.0.0.1 for the redirect.' },
  { mode: 'browser-scheme', label: 'Custom scheme', detail: `The browser hands ${APP_SCHEME}:/... back to the app.` },
];

export function AuthorizeModeField() {
  const mode = useFormStore((s) => s.settings.authorizeMode);
  const callbackUrl = useFormStore((s) => s.settings.callbackUrl);
  const setField = useFormStore((s) => s.setField);
  const supported = useAppInfoStore((s) => s.info?.authorizeModes);
  const issues = useFieldIssues('authorizeMode');
  const usesBrowser = mode !== 'embedded';
  const available = (m: AuthorizeMode) => !supported || supported.includes(m);

  const switchTo = (next: AuthorizeMode) => {
    setField('authorizeMode', next);
    setField('callbackUrl', callbackAfterModeSwitch(callbackUrl, next));
  };

  return (
    <div className="field">
      <div className="field-inline">
        <input
          id={issues.id}
          type="checkbox"
          checked={usesBrowser}
          disabled={usesBrowser && !available('embedded')}
          aria-describedby={[issues.describedBy, 'authorize-mode-note'].filter(Boolean).join(' ')}
          aria-invalid={issues.invalid || undefined}
          onChange={(e) => switchTo(e.target.checked ? 'browser-loopback' : 'embedded')}
          onBlur={issues.onBlur}
        />
        <label htmlFor={issues.id}>Authorize using browser</label>
      </div>
      {usesBrowser ? (
        <fieldset className="mode-choice">
          <legend className="visually-hidden">Redirect back to the app by</legend>
          {BROWSER_MODES.map(({ mode: m, label, detail }) => (
            <div key={m} className="field-inline">
              <input type="radio" id={`mode-${m}`} name="authorize-mode" value={m} checked={mode === m} disabled={!available(m)} onChange={() => switchTo(m)} />
              <label htmlFor={`mode-${m}`}>
                {label}
                <span className="muted"> — {available(m) ? detail : 'not available in browser mode'}</span>
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <p id="authorize-mode-note" className="field-hint">
        {usesBrowser
          ? 'Sign-in happens in your system browser, with its saved sessions and passkeys.'
          : available('embedded')
            ? 'Embedded window: as Postman does; some IdPs block embedded logins.'
            : 'Browser mode cannot open an embedded window: tick "Authorize using browser".'}
      </p>
      <FieldMessages issues={issues} />
    </div>
  );
}
