// Import profiles from a JSON file (all or nothing, each problem listed) and export all of them.
import { useRef } from 'react';
import { useProfilesStore } from '../../store/profiles-store';
import { downloadText, readFileText } from './download';

export function ImportExport() {
  const { importJson, exportJson, busy, profiles } = useProfilesStore();
  const fileInput = useRef<HTMLInputElement>(null);

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // so choosing the same file again fires change
    if (!file) return;
    await importJson(await readFileText(file));
  };

  const exportAll = async () => {
    const out = await exportJson();
    if (out) downloadText(out.fileName, out.json);
  };

  return (
    <div className="row import-export">
      <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>
        Import…
      </button>
      <input ref={fileInput} type="file" accept="application/json,.json" hidden aria-label="Profiles file to import" onChange={(e) => void onFile(e)} />
      <button type="button" disabled={busy || profiles.length === 0} onClick={() => void exportAll()}>
        Export all
      </button>
    </div>
  );
}
