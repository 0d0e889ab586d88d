// The Callback URL (redirect_uri), with what it means in the current mode and, when the user typed their
// own, an offer of the mode's default rather than a silent replacement.
import { useFormStore } from '../../store/form-store';
import { defaultCallbackFor } from './callback-for-mode';
import { TextField } from './TextField';

export function CallbackField() {
  const mode = useFormStore((s) => s.settings.authorizeMode);
  const value = useFormStore((s) => s.settings.callbackUrl);
  const setField = useFormStore((s) => s.setField);
  const suggested = defaultCallbackFor(mode);
  const hint =
    mode === 'browser-loopback'
      ? 'Without a port (http://127.0.0.1/callback) the app listens on an ephemeral port and sends that exact URL; register the URL without a port if your IdP allows any port for loopback (RFC 8252 7.3).'
      : mode === 'browser-scheme'
        ? 'The OS hands this URL to the app; register it exactly as written.'
        : 'The embedded window stops at this URL before it loads, so nothing needs to listen on it (e.g. https://localhost).';
  return (
    <TextField
      field="callbackUrl"
      label="Callback URL"
      monospace
      hint={hint}
      after={
        value.trim() !== suggested && mode !== 'embedded' ? (
          <button type="button" className="link-button" onClick={() => setField('callbackUrl', suggested)}>
            Use {suggested}
          </button>
        ) : null
      }
    />
  );
}
