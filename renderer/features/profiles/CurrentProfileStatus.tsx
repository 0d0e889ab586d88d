// The profile the form holds: unsaved changes, Save (One Save: settings and a typed client secret),
// what Save could not keep, a save conflict with the way out (reload), the placeholders a preset left
// to fill in, and the preset's notes.
import { findPreset, placeholdersByField } from '../../../shared/presets';
import type { FlowSettings } from '../../../shared/settings';
import { useAppInfoStore } from '../../store/app-info-store';
import { hasUnsavedChanges, useFormStore } from '../../store/form-store';
import { useProfilesStore, useUnsavedSecret } from '../../store/profiles-store';
import { saveStatus } from './save-status';

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
  const secretTyped = useUnsavedSecret() !== '';
  const keychainAvailable = useAppInfoStore((s) => s.info?.keychain.available !== false);
  const { profiles, busy, conflict, secretProblem, saveCurrent, reloadCurrent } = useProfilesStore();
  const current = origin ? profiles.find((p) => p.id === origin.profileId) : undefined;
  if (!origin || !current) return null;
  const status = saveStatus({ settingsDirty: dirty, secretTyped, keychainAvailable });
  const preset = current.presetId ? findPreset(current.presetId) : undefined;
  const holes = placeholdersByField(settings);
  const conflicted = conflict?.profileId === origin.profileId;

  return (
    <section className="current-profile" aria-label="Current profile">
      <div className="row">
        <span className={status.unsaved ? 'unsaved' : 'muted small'} role="status">
          {status.label}
        </span>
        <button type="button" className="primary" disabled={busy || !status.canSave} onClick={() => void saveCurrent()}>
          Save
        </button>
      </div>
      {secretProblem?.profileId === origin.profileId && (
        <p className="notice notice-warning" role="alert">
          {secretProblem.message}
        </p>
      )}
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
