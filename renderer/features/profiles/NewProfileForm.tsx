// Creating a profile: a name and a starting point (blank, the form as it is now, or an IdP preset
// whose notes are shown before it is chosen).
import { useId, useState } from 'react';
import { findPreset, PRESETS } from '../../../shared/presets';
import { defaultFlowSettings, presetSettings } from '../../build-constants';
import { useFormStore } from '../../store/form-store';
import { useProfilesStore } from '../../store/profiles-store';

const BLANK = 'blank';
const CURRENT = 'current';

interface NewProfileFormProps {
  onDone(): void;
  /** Asked before the form's unsaved edits are replaced by the new profile. */
  confirmDiscard(): boolean;
}

export function NewProfileForm({ onDone, confirmDiscard }: NewProfileFormProps) {
  const create = useProfilesStore((s) => s.create);
  const busy = useProfilesStore((s) => s.busy);
  const [start, setStart] = useState<string>(BLANK);
  const [name, setName] = useState('');
  const nameId = useId();
  const startId = useId();
  const preset = findPreset(start);
  const suggestedName = preset?.name ?? (start === CURRENT ? 'My IdP' : 'New profile');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    // Keeping the form's current settings loses nothing; any other start replaces them.
    if (start !== CURRENT && !confirmDiscard()) return;
    const settings = preset ? presetSettings(preset) : start === CURRENT ? useFormStore.getState().settings : defaultFlowSettings();
    // The form as it is now includes a client secret typed there: it is stored with the new profile.
    const created = await create(name.trim() || suggestedName, settings, preset?.id, { withTypedSecret: start === CURRENT });
    if (created) onDone();
  };

  return (
    <form className="new-profile" onSubmit={(e) => void submit(e)} aria-label="New profile">
      <label htmlFor={startId}>Start from</label>
      <select id={startId} value={start} onChange={(e) => setStart(e.target.value)}>
        <option value={BLANK}>Blank</option>
        <option value={CURRENT}>The form as it is now</option>
        <optgroup label="IdP presets">
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </optgroup>
      </select>
      {preset && (
        <div className="preset-preview">
          <p>{preset.summary}</p>
          <ul>
            {preset.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      <label htmlFor={nameId}>Name</label>
      <input id={nameId} value={name} placeholder={suggestedName} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Create
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
