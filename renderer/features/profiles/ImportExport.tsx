// Import profiles (this app's export, or Postman, Insomnia and Bruno exports: previewed first) and
// export all of them. A Bruno collection is imported by choosing its folder.
import { useRef } from 'react';
import { useHydrated } from '../../components/use-hydrated';
import { ImportPreviewDialog } from '../import/ImportPreviewDialog';
import { ImportStatus } from '../import/ImportStatus';
import { readChosenFiles } from '../import/read-files';
import { startImport } from '../import/use-import-drop';
import { useProfilesStore } from '../../store/profiles-store';
import { downloadText } from './download';

export function ImportExport() {
  const { exportJson, busy, profiles } = useProfilesStore();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();

  const onFiles = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const list = e.target.files ? [...e.target.files] : [];
    e.target.value = ''; // so choosing the same file again fires change
    if (list.length === 0) return;
    await startImport(await readChosenFiles(list));
  };

  const exportAll = async () => {
    const out = await exportJson();
    if (out) downloadText(out.fileName, out.json);
  };

  return (
    <>
      <div className="row import-export">
        <button type="button" disabled={busy} onClick={() => fileInput.current?.click()} title="A PKCE Inspector export, a Postman collection (with its environment), an Insomnia export or a Bruno collection export">
          Import…
        </button>
        {hydrated && <input ref={fileInput} type="file" multiple accept=".json,.yaml,.yml,.bru,application/json" hidden aria-label="Profiles file to import" onChange={(e) => void onFiles(e)} />}
        <button type="button" disabled={busy} onClick={() => folderInput.current?.click()} title="A Bruno collection folder (its .bru files)">
          Import folder…
        </button>
        {hydrated && <input ref={folderInput} type="file" hidden aria-label="Collection folder to import" {...{ webkitdirectory: '' }} onChange={(e) => void onFiles(e)} />}
        <button type="button" disabled={busy || profiles.length === 0} onClick={() => void exportAll()}>
          Export all
        </button>
      </div>
      <ImportStatus />
      <ImportPreviewDialog />
    </>
  );
}
