// Importing OAuth 2.0 settings from other tools (Postman, Insomnia, Bruno): what the renderer sends
// (the files as text) and what main answers with before anything is written (a preview of profile
// drafts, each with what could not be mapped and why). A client secret found in a file is never part
// of a draft: the preview only says that there is one, and main stores it in the keychain on apply.
import { z } from 'zod';
import type { ProfileSummary } from './profile-types';
import type { FlowSettings } from './settings';

export const IMPORT_MAX_FILES = 2_000;
export const IMPORT_MAX_TOTAL_CHARS = 5_000_000;

export const ImportFileSchema = z.object({
  /** The file's name, or its path inside a chosen folder (`My API/auth/login.bru`). */
  name: z.string().min(1).max(1_000),
  text: z.string().max(IMPORT_MAX_TOTAL_CHARS),
});
export type ImportFile = z.infer<typeof ImportFileSchema>;

export const ImportSourceSchema = z.object({
  files: z
    .array(ImportFileSchema)
    .min(1, 'Choose at least one file.')
    .max(IMPORT_MAX_FILES, `At most ${IMPORT_MAX_FILES} files at once.`)
    .refine((files) => files.reduce((n, f) => n + f.text.length, 0) <= IMPORT_MAX_TOTAL_CHARS, `At most ${IMPORT_MAX_TOTAL_CHARS / 1_000_000} MB of text at once.`),
});
export type ImportSource = z.infer<typeof ImportSourceSchema>;

export const ApplyImportSchema = ImportSourceSchema.extend({
  /** The drafts to create, by `ImportDraft.key`. */
  keys: z.array(z.string().min(1).max(100)).min(1, 'Choose at least one profile to import.').max(1_000),
  /** Store the client secrets found in the files in the keychain (one confirmation for all). */
  storeSecrets: z.boolean(),
}).strict();

export type ImportFormat = 'pkce-inspector' | 'postman' | 'insomnia' | 'bruno';

/** One setting of the source tool that did not make it into the profile as it was. */
export interface ImportNote {
  /** The source tool's name for it (`grant_type`, `authRequestParams.prompt`, `{{tenant}}`). */
  field: string;
  reason: string;
}

export interface ImportDraft {
  /** Stable for the same files: what `applyImport` names. */
  key: string;
  name: string;
  /** Where in the file it came from (`Collection / Folder / Request`), and other places with identical settings. */
  sources: string[];
  settings: FlowSettings;
  /** A client secret was found: offered for the keychain, never written to the profile. */
  hasClientSecret: boolean;
  notes: ImportNote[];
}

export interface ImportPreview {
  format: ImportFormat;
  /** In words: `Postman collection v2.1 "Payments API" with environment "Staging"`. */
  description: string;
  drafts: ImportDraft[];
  /** OAuth 2.0 settings that cannot become a profile (another grant type, switched off), and why. */
  skipped: Array<{ source: string; reason: string }>;
}

export interface ApplyImportResult {
  /** Summaries of the new profiles, in the order of `keys`. */
  imported: ProfileSummary[];
  secretsStored: number;
  /** Why the secrets could not be stored (e.g. no keychain); the profiles were imported anyway. */
  secretsError?: string;
}
