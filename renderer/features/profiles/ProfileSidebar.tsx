// The profiles sidebar: the saved IdP profiles, switching between them (asking first when the form
// has unsaved changes), creating one blank or from a preset, saving, import and export, and what
// main reported on load (e.g. a corrupt profiles file moved aside).
import { useEffect, useState } from 'react';
import { hasUnsavedChanges, useFormStore } from '../../store/form-store';
import { formHasUnsavedWork, typedSecretWouldBeLost, useCurrentProfileId, useProfilesStore, useUnsavedSecret } from '../../store/profiles-store';
import { CurrentProfileStatus } from './CurrentProfileStatus';
import { ImportExport } from './ImportExport';
import { KeychainNotice } from './KeychainNotice';
import { NewProfileForm } from './NewProfileForm';
import { ProfileItem } from './ProfileItem';
import { useLeaveWarning } from './use-leave-warning';
import './profiles.css';

const DISCARD_QUESTION = 'The form has unsaved changes. Discard them? (To keep them, cancel and Save, or create a profile from the form as it is now.)';
const DISCARD_SECRET_QUESTION =
  'The client secret you typed is not saved and would be lost, with any other unsaved changes. Discard it? (To keep it, cancel and Save, or create a profile from the form as it is now.)';

export function ProfileSidebar() {
  const { profiles, loaded, error, notices, refresh, open, dismissNotice, dismissError } = useProfilesStore();
  const currentId = useCurrentProfileId();
  const settingsDirty = useFormStore(hasUnsavedChanges);
  const dirty = useUnsavedSecret() !== '' || settingsDirty;
  const [creating, setCreating] = useState(false);
  useLeaveWarning();

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const confirmDiscard = () => !formHasUnsavedWork() || window.confirm(typedSecretWouldBeLost() ? DISCARD_SECRET_QUESTION : DISCARD_QUESTION);

  const switchTo = async (id: string) => {
    if (id === currentId) return;
    if (!confirmDiscard()) return;
    await open(id);
  };

  return (
    <aside className="profile-sidebar" aria-label="Profiles">
      <div className="profile-sidebar-content">
        <div className="row sidebar-title">
          <h2>Profiles</h2>
          <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>
            New…
          </button>
        </div>

        <KeychainNotice />
        {notices.map((n, i) => (
          <div key={n} className="notice notice-warning" role="alert">
            <p>{n}</p>
            <button type="button" className="link-button" onClick={() => dismissNotice(i)}>
              Dismiss
            </button>
          </div>
        ))}
        {error && (
          <div className="notice notice-error" role="alert">
            <p>{error.message}</p>
            {error.fields && error.fields.length > 0 && (
              <ul className="field-errors">
                {error.fields.map((f) => (
                  <li key={`${f.field}:${f.message}`}>
                    <span className="mono">{f.field}</span>: {f.message}
                  </li>
                ))}
              </ul>
            )}
            <button type="button" className="link-button" onClick={dismissError}>
              Dismiss
            </button>
          </div>
        )}

        {creating && <NewProfileForm onDone={() => setCreating(false)} confirmDiscard={confirmDiscard} />}

        {loaded && profiles.length === 0 && !creating && <p className="muted small">No saved profiles yet. Create one, blank or from an IdP preset.</p>}
        <ul className="profile-list">
          {profiles.map((p) => (
            <ProfileItem key={p.id} profile={p} current={p.id === currentId} dirty={dirty} onSelect={() => void switchTo(p.id)} />
          ))}
        </ul>

        <CurrentProfileStatus />
        <ImportExport />
      </div>
    </aside>
  );
}
