// The saved IdP profiles: create, save (refusing stale revisions), rename, duplicate, delete, export
// and import. Storage, locking and recovery are ProfilesFile's job (profiles.json in the data folder:
// Electron's userData, or browser mode's --data-dir).
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/errors';
import { ProfileSchema, type Profile, type ProfileSummary } from '../../shared/profile-types';
import { FlowSettingsSchema, type FlowSettings } from '../../shared/settings';
import { exportDocument, exportFileName, parseImport } from './profile-transfer';
import { ProfilesFile, type ProfilesFileOptions } from './profiles-file';
import { uniqueName } from './unique-name';

export { PROFILES_FILE } from './profiles-file';

/** A profile as listed: a summary without the keychain's part (`hasSecret`). */
export type ProfileEntry = Omit<ProfileSummary, 'hasSecret'>;

export type ProfileStoreOptions = Omit<ProfilesFileOptions, 'now'> & { now?: () => Date };

export class ProfileStore {
  private readonly file: ProfilesFile;
  private readonly now: () => Date;

  constructor(options: ProfileStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.file = new ProfilesFile({ ...options, now: this.now });
  }

  get filePath(): string {
    return this.file.path;
  }

  async list(): Promise<{ profiles: Profile[]; notices: string[] }> {
    const profiles = await this.file.read();
    return { profiles: sortByName(profiles), notices: this.file.notices };
  }

  /** The sidebar's listing: each profile's summary fields (no settings), sorted by name. */
  async listEntries(): Promise<{ entries: ProfileEntry[]; notices: string[] }> {
    const entries = await this.file.view((profiles) =>
      sortByName(profiles).map((p): ProfileEntry => ({ id: p.id, name: p.name, ...(p.presetId !== undefined ? { presetId: p.presetId } : {}), updatedAt: p.updatedAt, revision: p.revision })),
    );
    return { entries, notices: this.file.notices };
  }

  async get(id: string): Promise<Profile> {
    const profiles = await this.file.read();
    return findOrThrow(profiles, id);
  }

  create(input: { name: string; settings: FlowSettings; presetId?: string }): Promise<Profile> {
    return this.file.update((profiles) => {
      const at = this.stamp();
      const profile = ProfileSchema.parse({
        id: randomUUID(),
        name: uniqueName(input.name.trim(), profiles),
        ...(input.presetId !== undefined ? { presetId: input.presetId } : {}),
        settings: FlowSettingsSchema.parse(input.settings),
        createdAt: at,
        updatedAt: at,
        revision: 0,
      });
      return { profiles: [...profiles, profile], result: profile };
    });
  }

  save(input: { id: string; settings: FlowSettings; baseRevision: number }): Promise<Profile> {
    return this.file.update((profiles) => {
      const current = findOrThrow(profiles, input.id);
      if (current.revision !== input.baseRevision) {
        throw new ApiError(
          'conflict',
          `"${current.name}" was changed elsewhere (another window, or the other copy of the app) since you loaded it. Reload it to see the saved version; your edits here were not saved.`,
        );
      }
      const saved: Profile = { ...current, settings: FlowSettingsSchema.parse(input.settings), updatedAt: this.stamp(), revision: current.revision + 1 };
      return { profiles: replace(profiles, saved), result: saved };
    });
  }

  rename(id: string, name: string): Promise<Profile> {
    return this.file.update((profiles) => {
      const current = findOrThrow(profiles, id);
      const wanted = name.trim();
      if (profiles.some((p) => p.id !== id && p.name.toLowerCase() === wanted.toLowerCase())) {
        throw new ApiError('conflict', `A profile named "${wanted}" already exists.`);
      }
      // The name is not part of the settings, so renaming leaves the revision alone: an open form
      // elsewhere can still save its settings.
      const renamed = ProfileSchema.parse({ ...current, name: wanted, updatedAt: this.stamp() });
      return { profiles: replace(profiles, renamed), result: renamed };
    });
  }

  duplicate(id: string, name?: string): Promise<Profile> {
    return this.file.update((profiles) => {
      const source = findOrThrow(profiles, id);
      const at = this.stamp();
      const copy = ProfileSchema.parse({
        ...structuredClone(source),
        id: randomUUID(),
        name: uniqueName(name?.trim() || `${source.name} (copy)`, profiles),
        createdAt: at,
        updatedAt: at,
        revision: 0,
      });
      return { profiles: [...profiles, copy], result: copy };
    });
  }

  async delete(id: string): Promise<void> {
    await this.file.update((profiles) => {
      findOrThrow(profiles, id);
      return { profiles: profiles.filter((p) => p.id !== id), result: undefined };
    });
  }

  async exportJson(ids?: string[]): Promise<{ json: string; fileName: string }> {
    const profiles = await this.file.read();
    const chosen = ids === undefined ? sortByName(profiles) : ids.map((id) => findOrThrow(profiles, id));
    const at = this.now();
    return { json: exportDocument(chosen, at), fileName: exportFileName(chosen, at) };
  }

  /**
   * All or nothing: a single bad field rejects the whole file. Every imported profile gets a fresh
   * id, always: secrets are kept in the keychain under profile ids, so a file's ids (edited or from
   * another data folder) must never pick up a secret stored for another profile.
   */
  importJson(json: string): Promise<Profile[]> {
    const incoming = parseImport(json);
    return this.file.update((profiles) => {
      const at = this.stamp();
      const all = [...profiles];
      const imported: Profile[] = [];
      for (const p of incoming) {
        const profile = ProfileSchema.parse({
          id: randomUUID(),
          name: uniqueName(p.name, all),
          ...(p.presetId !== undefined ? { presetId: p.presetId } : {}),
          settings: p.settings,
          createdAt: p.createdAt ?? at,
          updatedAt: at,
          revision: 0,
        });
        all.push(profile);
        imported.push(profile);
      }
      return { profiles: all, result: imported };
    });
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

function findOrThrow(profiles: Profile[], id: string): Profile {
  const found = profiles.find((p) => p.id === id);
  if (!found) throw new ApiError('not_found', 'That profile no longer exists (it may have been deleted in another window).');
  return found;
}

function replace(profiles: Profile[], updated: Profile): Profile[] {
  return profiles.map((p) => (p.id === updated.id ? updated : p));
}

// One collator for every comparison: `localeCompare` builds one per call, which made sorting 1,000
// names a good part of a listing. Same order (the default locale's).
const collator = new Intl.Collator();

function sortByName<P extends Pick<Profile, 'name' | 'createdAt'>>(profiles: readonly P[]): P[] {
  return [...profiles].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.createdAt, b.createdAt));
}
