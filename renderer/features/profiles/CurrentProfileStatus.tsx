// The profile the form holds: unsaved changes, Save, a save conflict with the way out (reload), the
// placeholders a preset left to fill in, and the preset's notes.
import { findPreset, placeholdersByField } from '../../../shared/presets';
import type { FlowSettings } from '../../../shared/settings';
import { hasUnsavedChanges, useFormStore } from '../../store/form-store';
import { useProfilesStore } from '../../store/profiles-store';

const FIELD_LABELS: Partial<Record<keyof FlowSettings, string>> = {
  issuer: 'Issuer (for Discover)',
  authUrl: 'Auth URL',
  accessTokenUrl: 'Access Token URL',
  clientId: 'Client ID',
  callbackUrl: 'Callback URL',
  scope: 'Scope',
  audience: 'Audience',
  resource: 'Resource',
  tokenRequestOrigin: 'Token request Origin',
};

export function CurrentProfileStatus() {
  const origin = useFormStore((s) => s.origin);
  const settings = useFormStore((s) => s.settings);
  const dirty = useFormStore(hasUnsavedChanges);
  const { profiles, busy, conflict, saveCurrent, reloadCurrent } = useProfilesStore();
  const current = origin ? profiles.find((p) => p.id === origin.profileId) : undefined;
  if (!origin || !current) return null;
  const preset = current.presetId ? findPreset(current.presetId) : undefined;
  const holes = placeholdersByField(settings);
  const conflicted = conflict?.profileId === origin.profileId;

  return (
    <section className="current-profile" aria-label="Current profile">
      <div className="row">
        <span className={dirty ? 'unsaved' : 'muted small'}>{dirty ? 'Unsaved changes' : 'Saved'}</span>
        <button type="button" className="primary" disabled={busy || !dirty} onClick={() => void saveCurrent()}>
          Save
        </button>
      </div>
      {conflicted && (
        <div className="notice notice-warning" role="alert">
          <p>{conflict.message}</p>
          <button
            type="button"
            onClick={() => {
              if (!dirty || window.confirm('Reloading replaces your edits with the saved version. Reload?')) void reloadCurrent();
            }}
          >
            Reload saved version
          </button>
        </div>
      )}
      {holes.length > 0 && (
        <div className="placeholders" role="note">
          <p>Fill in before starting a flow:</p>
          <ul>
            {holes.map(({ field, placeholders }) => (
              <li key={field}>
                {FIELD_LABELS[field] ?? field}:{' '}
                {placeholders.map((p) => (
                  <mark key={p} className="placeholder">
                    {p}
                  </mark>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preset && (
        <details className="preset-notes">
          <summary>About {preset.name}</summary>
          <ul>
            {preset.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          {preset.docsUrl && (
            <p className="small">
              Documentation: <span className="mono">{preset.docsUrl}</span>
            </p>
          )}
        </details>
      )}
    </section>
  );
}
