// The profiles sidebar: the saved IdP profiles, which one the form holds, and saving it.
import { useEffect } from 'react';
import { hasUnsavedChanges, useFormStore } from '../../store/form-store';
import { useCurrentProfileId, useProfilesStore } from '../../store/profiles-store';

export function ProfileSidebar() {
  const { profiles, loaded, busy, error, notices, refresh, open, saveCurrent } = useProfilesStore();
  const currentId = useCurrentProfileId();
  const dirty = useFormStore(hasUnsavedChanges);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const switchTo = async (id: string) => {
    if (id === currentId) return;
    if (dirty && !window.confirm('The current profile has unsaved changes. Discard them and switch?')) return;
    await open(id);
  };

  return (
    <aside className="profile-sidebar" aria-label="Profiles">
      <h2>Profiles</h2>
      {notices.map((n) => (
        <p key={n} role="alert" className="notice">
          {n}
        </p>
      ))}
      {error && <p role="alert" className="error">{error.message}</p>}
      {loaded && profiles.length === 0 && <p>No saved profiles yet.</p>}
      <ul>
        {profiles.map((p) => (
          <li key={p.id}>
            <button type="button" aria-current={p.id === currentId ? 'true' : undefined} onClick={() => void switchTo(p.id)}>
              {p.name}
              {p.id === currentId && dirty ? ' •' : ''}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" disabled={busy || !currentId || !dirty} onClick={() => void saveCurrent()}>
        Save
      </button>
    </aside>
  );
}
