// One saved profile in the sidebar: select it, or rename, duplicate, export or delete it.
import { useState } from 'react';
import type { ProfileSummary } from '../../../shared/profile-types';
import { useProfilesStore } from '../../store/profiles-store';
import { downloadText } from './download';

interface ProfileItemProps {
  profile: ProfileSummary;
  current: boolean;
  dirty: boolean;
  onSelect(): void;
}

export function ProfileItem({ profile, current, dirty, onSelect }: ProfileItemProps) {
  const { rename, duplicate, remove, exportJson, busy } = useProfilesStore();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(profile.name);

  const submitRename = async (e: React.FormEvent) => {
    e.preventDefault();
    const wanted = name.trim();
    if (wanted === '' || wanted === profile.name) return setRenaming(false);
    await rename(profile.id, wanted);
    if (!useProfilesStore.getState().error) setRenaming(false);
  };

  const exportOne = async () => {
    const out = await exportJson([profile.id]);
    if (out) downloadText(out.fileName, out.json);
  };

  const confirmDelete = () => {
    const secretNote = profile.hasSecret ? ' Its client secret is removed from the keychain too.' : '';
    if (window.confirm(`Delete the profile "${profile.name}"?${secretNote} This cannot be undone.`)) void remove(profile.id);
  };

  if (renaming) {
    return (
      <li className="profile-item">
        <form onSubmit={(e) => void submitRename(e)} aria-label={`Rename ${profile.name}`}>
          <input aria-label="New name" value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={busy}>
            OK
          </button>
          <button type="button" onClick={() => (setName(profile.name), setRenaming(false))}>
            Cancel
          </button>
        </form>
      </li>
    );
  }

  return (
    <li className="profile-item">
      <button type="button" className="profile-select" aria-current={current ? 'true' : undefined} onClick={onSelect}>
        <span className="profile-name">{profile.name}</span>
        {current && dirty && (
          <span className="unsaved-dot" title="Unsaved changes" aria-label="unsaved changes">
            •
          </span>
        )}
        {profile.hasSecret && (
          <span className="secret-badge" title="Client secret stored in the OS keychain" aria-label="secret in keychain">
            secret
          </span>
        )}
      </button>
      <details className="profile-actions">
        <summary aria-label={`Actions for ${profile.name}`}>⋯</summary>
        <div role="group" aria-label={`${profile.name} actions`}>
          <button type="button" onClick={() => (setName(profile.name), setRenaming(true))}>
            Rename
          </button>
          <button type="button" disabled={busy} onClick={() => void duplicate(profile.id)}>
            Duplicate
          </button>
          <button type="button" disabled={busy} onClick={() => void exportOne()}>
            Export
          </button>
          <button type="button" className="danger" disabled={busy} onClick={confirmDelete}>
            Delete
          </button>
        </div>
      </details>
    </li>
  );
}
