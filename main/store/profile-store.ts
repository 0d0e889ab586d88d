// The saved IdP profiles: one JSON file in the data folder (Electron's userData, or browser mode's
// --data-dir). Every change is a read-modify-write under an in-process queue AND a lock file, so two
// windows, rapid saves, or the desktop app and browser mode on the same folder never lose an update;
// the file is re-read inside the lock and replaced atomically. A file that cannot be read is moved
// aside (never overwritten) and the user is told.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ApiError } from '../../shared/errors';
import { ProfileSchema, type Profile } from '../../shared/profile-types';
import { FlowSettingsSchema, type FlowSettings } from '../../shared/settings';
import { writeFileAtomic, TEMP_SUFFIX } from './atomic-write';
import { CURRENT_PROFILE_FILE_VERSION, readProfileText, serializeProfileFile } from './profile-file';
import { exportDocument, exportFileName, parseImport } from './profile-transfer';
import { uniqueName } from './unique-name';

export const PROFILES_FILE = 'profiles.json';
const LOCK_FILE = 'profiles.lock';

export interface ProfileStoreOptions {
  dataDir: string;
  now?: () => Date;
  /** Tests only: the rename step of the atomic write (to simulate a crash before it). */
  renameFile?: (from: string, to: string) => Promise<void>;
  /** How long a lock may go un-refreshed before it counts as left by a dead process (min 2000). */
  lockStaleMs?: number;
}

type Loaded = { profiles: Profile[]; fromVersion: number };

export class ProfileStore {
  private readonly dataDir: string;
  private readonly file: string;
  private readonly now: () => Date;
  private readonly renameFile: ((from: string, to: string) => Promise<void>) | undefined;
  /** Serialises this instance's operations; the lock file serialises instances and processes. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly notices: string[] = [];
  private readonly lockStaleMs: number;

  constructor(options: ProfileStoreOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.file = path.join(this.dataDir, PROFILES_FILE);
    this.now = options.now ?? (() => new Date());
    this.renameFile = options.renameFile;
    this.lockStaleMs = Math.max(2_000, options.lockStaleMs ?? 10_000);
  }

  get filePath(): string {
    return this.file;
  }

  async list(): Promise<{ profiles: Profile[]; notices: string[] }> {
    const { profiles } = await this.locked(() => this.load());
    return { profiles: sortByName(profiles), notices: [...this.notices] };
  }

  async get(id: string): Promise<Profile> {
    const { profiles } = await this.locked(() => this.load());
    return findOrThrow(profiles, id);
  }

  create(input: { name: string; settings: FlowSettings; presetId?: string }): Promise<Profile> {
    return this.mutate((profiles) => {
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
    return this.mutate((profiles) => {
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
    return this.mutate((profiles) => {
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
    return this.mutate((profiles) => {
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
    await this.mutate((profiles) => {
      findOrThrow(profiles, id);
      return { profiles: profiles.filter((p) => p.id !== id), result: undefined };
    });
  }

  async exportJson(ids?: string[]): Promise<{ json: string; fileName: string }> {
    const { profiles } = await this.locked(() => this.load());
    const chosen = ids === undefined ? sortByName(profiles) : ids.map((id) => findOrThrow(profiles, id));
    const at = this.now();
    return { json: exportDocument(chosen, at), fileName: exportFileName(chosen, at) };
  }

  /** All or nothing: a single bad field rejects the whole file. */
  importJson(json: string): Promise<Profile[]> {
    const incoming = parseImport(json);
    return this.mutate((profiles) => {
      const at = this.stamp();
      const taken = new Set(profiles.map((p) => p.id));
      const all = [...profiles];
      const imported: Profile[] = [];
      for (const p of incoming) {
        const id = p.id !== undefined && !taken.has(p.id) ? p.id : randomUUID();
        taken.add(id);
        const profile = ProfileSchema.parse({
          id,
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

  // ---- internals ----

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Read-modify-write under the lock: the change is applied to what is on disk now. */
  private mutate<T>(change: (profiles: Profile[]) => { profiles: Profile[]; result: T }): Promise<T> {
    return this.locked(async () => {
      const loaded = await this.load();
      if (loaded.fromVersion > CURRENT_PROFILE_FILE_VERSION) {
        throw new ApiError('internal', `${PROFILES_FILE} was written by a newer version of PKCE Inspector; update the app to change profiles (the file was left as it is).`);
      }
      const { profiles, result } = change(loaded.profiles);
      if (loaded.fromVersion < CURRENT_PROFILE_FILE_VERSION) await this.keepBackup(loaded.fromVersion);
      await writeFileAtomic(this.file, serializeProfileFile(profiles), this.renameFile ? { rename: this.renameFile } : {});
      return result;
    });
  }

  /** Runs `task` after every earlier task of this instance, holding the cross-process lock. */
  private locked<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await fs.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      const release = await lockfile.lock(this.dataDir, {
        lockfilePath: path.join(this.dataDir, LOCK_FILE),
        realpath: false,
        // A holder that died leaves its lock behind; after `stale` ms without an update it is taken over.
        stale: this.lockStaleMs,
        retries: { retries: 400, factor: 1.2, minTimeout: 5, maxTimeout: 50 },
        onCompromised: (e) => this.notices.push(`The profiles lock was lost (${e.message}); if two copies of the app are open, close one.`),
      });
      try {
        return await task();
      } finally {
        await release().catch(() => undefined);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Read the file as it is now. Call only inside `locked`. */
  private async load(): Promise<Loaded> {
    await this.removeOrphanTempFiles();
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], fromVersion: CURRENT_PROFILE_FILE_VERSION };
      throw new ApiError('internal', `Cannot read ${this.file}: ${(e as Error).message}`);
    }
    const result = readProfileText(text);
    if (result.ok) return { profiles: result.profiles, fromVersion: result.fromVersion };
    if (result.kind === 'newer') {
      this.tell(`${PROFILES_FILE} was written by a newer version of PKCE Inspector (file version ${result.version}); its profiles are not shown and it will not be changed. Update the app.`);
      return { profiles: [], fromVersion: result.version };
    }
    const aside = await this.moveAside();
    const first = result.issues[0];
    const why = result.kind === 'not_json' ? 'it is not valid JSON' : `it does not match the expected format (${first ? `${first.path}: ${first.message}` : 'unknown problem'})`;
    this.tell(`Your saved profiles could not be read because ${why}. The file was kept as ${aside} and a new empty profiles file will be used; you can repair that file and import it.`);
    return { profiles: [], fromVersion: CURRENT_PROFILE_FILE_VERSION };
  }

  private tell(notice: string): void {
    if (!this.notices.includes(notice)) this.notices.push(notice);
  }

  private async moveAside(): Promise<string> {
    const stamp = this.stamp().replace(/[:.]/g, '-');
    for (let n = 0; ; n++) {
      const target = path.join(this.dataDir, `profiles.corrupt-${stamp}${n === 0 ? '' : `-${n}`}.json`);
      try {
        // link + unlink rather than rename: never replaces an existing file of that name.
        await fs.link(this.file, target);
        await fs.unlink(this.file);
        return target;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
          await fs.copyFile(this.file, target, fs.constants.COPYFILE_EXCL);
          await fs.unlink(this.file);
          return target;
        }
        throw e;
      }
    }
  }

  /** Before the first write in the current version, keep the old-version file as it was. */
  private async keepBackup(fromVersion: number): Promise<void> {
    const backup = path.join(this.dataDir, `profiles.v${fromVersion}.backup.json`);
    await fs.copyFile(this.file, backup, fs.constants.COPYFILE_EXCL).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }

  /** Temp files left by a writer that crashed before its rename; no live writer exists while we hold the lock. */
  private async removeOrphanTempFiles(): Promise<void> {
    const entries = await fs.readdir(this.dataDir).catch(() => [] as string[]);
    const prefix = `${PROFILES_FILE}.`;
    await Promise.all(
      entries.filter((f) => f.startsWith(prefix) && f.endsWith(TEMP_SUFFIX)).map((f) => fs.rm(path.join(this.dataDir, f), { force: true })),
    );
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

function sortByName(profiles: Profile[]): Profile[] {
  return [...profiles].sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
}
