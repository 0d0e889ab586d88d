// Export and import of profiles as a JSON document. An export is the profiles file plus a marker;
// an import accepts an export or a profiles.json of any known version, validates every profile and
// field, and either accepts all of them or none.
import { z } from 'zod';
import { ApiError } from '../../shared/errors';
import { ProfileSchema, type Profile } from '../../shared/profile-types';
import { CURRENT_PROFILE_FILE_VERSION, readProfileText, type ProfileDocumentSchema } from './profile-format';

export const EXPORT_FORMAT = 'pkce-inspector/profiles';
export const IMPORT_MAX_PROFILES = 1_000;

/** An imported profile may leave out what this app assigns anyway (id, timestamps, revision). */
const ImportedProfileSchema = ProfileSchema.extend({
  id: ProfileSchema.shape.id.optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  revision: z.number().int().nonnegative().optional(),
});
export type ImportedProfile = z.infer<typeof ImportedProfileSchema>;

const ImportDocumentSchema = z.object({
  version: z.literal(CURRENT_PROFILE_FILE_VERSION),
  profiles: z.array(ImportedProfileSchema).min(1, 'The file holds no profiles.').max(IMPORT_MAX_PROFILES, `At most ${IMPORT_MAX_PROFILES} profiles at once.`),
});

export function exportDocument(profiles: Profile[], now: Date): string {
  // Only the profile fields, named one by one: should a Profile ever carry more, it does not leak out here.
  const clean = profiles.map((p) => ProfileSchema.parse(p));
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: CURRENT_PROFILE_FILE_VERSION, exportedAt: now.toISOString(), profiles: clean }, null, 2)}\n`;
}

export function exportFileName(profiles: Profile[], now: Date): string {
  const day = now.toISOString().slice(0, 10);
  if (profiles.length === 1) {
    const slug = profiles[0]!.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'profile';
    return `pkce-inspector-${slug}-${day}.json`;
  }
  return `pkce-inspector-profiles-${day}.json`;
}

/** Validate an import; throws ApiError('import_invalid') naming every bad field. */
export function parseImport(json: string): ImportedProfile[] {
  const result = readProfileText(json, ImportDocumentSchema as unknown as ProfileDocumentSchema<ImportedProfile>);
  if (result.ok) return result.profiles;
  const fields = result.issues.map((i) => ({ field: i.path, message: i.message }));
  const why =
    result.kind === 'not_json' ? 'The file is not valid JSON.' : result.kind === 'newer' ? 'The file was exported by a newer version of PKCE Inspector.' : `The file has ${fields.length} problem${fields.length === 1 ? '' : 's'}.`;
  throw new ApiError('import_invalid', `${why} Nothing was imported.`, fields);
}
