// profiles.json: the current version's schema, and reading a file of any known version. Older
// versions are migrated in memory; the store writes the current version on its next change.
import { z } from 'zod';
import { ProfileSchema, type Profile } from '../../shared/profile-types';
import { ProfileFileV1Schema } from './profile-format-v1';
import { ProfileFileV2Schema } from './profile-format-v2';
import { migrateV1, migrateV2 } from './profile-migrations';

export const CURRENT_PROFILE_FILE_VERSION = 3;

export const ProfileFileSchema = z.object({
  version: z.literal(CURRENT_PROFILE_FILE_VERSION),
  profiles: z.array(ProfileSchema).superRefine((profiles, ctx) => {
    const seen = new Set<string>();
    profiles.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Duplicate profile id "${p.id}".` });
      seen.add(p.id);
    });
  }),
});
export type ProfileFile = z.infer<typeof ProfileFileSchema>;

/** What a document must hold for its profiles to be read with `profileSchema`. */
export type ProfileDocumentSchema<P> = z.ZodType<{ version: number; profiles: P[] }>;

export interface FileIssue {
  /** A path into the document, e.g. `profiles[0].settings.clientId`. */
  path: string;
  message: string;
}

export type ReadResult<P = Profile> =
  | { ok: true; profiles: P[]; fromVersion: number }
  | { ok: false; kind: 'not_json' | 'invalid'; issues: FileIssue[] }
  /** Written by a newer release: neither read nor overwritten. */
  | { ok: false; kind: 'newer'; version: number; issues: FileIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(document)' : out;
}

export function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): FileIssue[] {
  return error.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
}

/** Validate a parsed document of any known version and bring it to the current one. */
export function readProfileDocument<P = Profile>(doc: unknown, schema: ProfileDocumentSchema<P> = ProfileFileSchema as unknown as ProfileDocumentSchema<P>): ReadResult<P> {
  const version = typeof doc === 'object' && doc !== null && 'version' in doc ? (doc as { version: unknown }).version : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > CURRENT_PROFILE_FILE_VERSION) {
    return { ok: false, kind: 'newer', version, issues: [{ path: 'version', message: `Version ${version} is newer than this app understands (${CURRENT_PROFILE_FILE_VERSION}).` }] };
  }
  if (version === 1) {
    const v1 = ProfileFileV1Schema.safeParse(doc);
    if (!v1.success) return { ok: false, kind: 'invalid', issues: issuesOf(v1.error) };
    return finish(migrateV2(migrateV1(v1.data)), 1, schema);
  }
  if (version === 2) {
    const v2 = ProfileFileV2Schema.safeParse(doc);
    if (!v2.success) return { ok: false, kind: 'invalid', issues: issuesOf(v2.error) };
    return finish(migrateV2(v2.data), 2, schema);
  }
  return finish(doc, CURRENT_PROFILE_FILE_VERSION, schema);
}

function finish<P>(doc: unknown, fromVersion: number, schema: ProfileDocumentSchema<P>): ReadResult<P> {
  const parsed = schema.safeParse(doc);
  if (!parsed.success) return { ok: false, kind: 'invalid', issues: issuesOf(parsed.error) };
  return { ok: true, profiles: parsed.data.profiles, fromVersion };
}

/** Parse the text of a profiles file (or an export) of any known version. */
export function readProfileText<P = Profile>(text: string, schema?: ProfileDocumentSchema<P>): ReadResult<P> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, kind: 'not_json', issues: [{ path: '(document)', message: `Not valid JSON: ${(e as Error).message}` }] };
  }
  return readProfileDocument(doc, schema);
}

export function serializeProfileFile(profiles: Profile[]): string {
  const file: ProfileFile = { version: CURRENT_PROFILE_FILE_VERSION, profiles };
  return `${JSON.stringify(file, null, 2)}\n`;
}
