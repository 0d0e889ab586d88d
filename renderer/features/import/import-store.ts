// Importing other tools' exports: the files read, main's preview of them, which drafts are chosen,
// and the outcome. Nothing is written until `confirm`; this app's own exports keep their direct path.
import { create } from 'zustand';
import { ApiError, type FieldIssue } from '../../../shared/errors';
import type { ImportFile, ImportPreview } from '../../../shared/import-types';
import { getApi } from '../../api';
import { useProfilesStore } from '../../store/profiles-store';

export interface ImportProblem {
  message: string;
  fields?: FieldIssue[];
}

interface ImportState {
  files: ImportFile[] | null;
  preview: ImportPreview | null;
  chosen: Set<string>;
  storeSecrets: boolean;
  busy: boolean;
  error: ImportProblem | null;
  /** What the last import did, in words. */
  outcome: string | null;

  /** Ask main what the files would become; this app's own export is imported at once, as before. */
  start(files: ImportFile[]): Promise<void>;
  toggle(key: string): void;
  setStoreSecrets(value: boolean): void;
  confirm(): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

function problemOf(e: unknown): ImportProblem {
  if (e instanceof ApiError) return e.fields ? { message: e.message, fields: e.fields } : { message: e.message };
  return { message: e instanceof Error ? e.message : String(e) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const useImportStore = create<ImportState>((set, get) => ({
  files: null,
  preview: null,
  chosen: new Set(),
  storeSecrets: false,
  busy: false,
  error: null,
  outcome: null,

  async start(files) {
    set({ busy: true, error: null, outcome: null, preview: null, files: null });
    try {
      const preview = await getApi().previewImport({ files });
      if (preview.format === 'pkce-inspector') {
        set({ busy: false });
        await useProfilesStore.getState().importJson(files[0]!.text);
        return;
      }
      set({ files, preview, chosen: new Set(preview.drafts.map((d) => d.key)), storeSecrets: false });
    } catch (e) {
      set({ error: problemOf(e) });
    } finally {
      set({ busy: false });
    }
  },

  toggle(key) {
    const chosen = new Set(get().chosen);
    if (!chosen.delete(key)) chosen.add(key);
    set({ chosen });
  },

  setStoreSecrets: (storeSecrets) => set({ storeSecrets }),

  async confirm() {
    const { files, preview, chosen, storeSecrets } = get();
    if (!files || !preview || chosen.size === 0) return;
    const keys = preview.drafts.filter((d) => chosen.has(d.key)).map((d) => d.key);
    const withSecret = preview.drafts.some((d) => chosen.has(d.key) && d.hasClientSecret);
    set({ busy: true, error: null });
    try {
      const result = await getApi().applyImport({ files, keys, storeSecrets: storeSecrets && withSecret });
      const parts = [`Imported ${plural(result.imported.length, 'profile')}.`];
      if (result.secretsStored > 0) parts.push(`${plural(result.secretsStored, 'client secret')} stored in the keychain.`);
      if (result.secretsError) parts.push(result.secretsError);
      set({ files: null, preview: null, chosen: new Set(), outcome: parts.join(' ') });
      await useProfilesStore.getState().refresh();
    } catch (e) {
      set({ error: problemOf(e) });
    } finally {
      set({ busy: false });
    }
  },

  cancel: () => set({ files: null, preview: null, chosen: new Set(), error: null }),
  dismiss: () => set({ error: null, outcome: null }),
}));
