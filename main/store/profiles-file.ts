// profiles.json on disk: reading it (any known version), replacing it atomically, and serialising
// every read-modify-write under an in-process queue AND a lock file, so two windows, rapid saves, or
// the desktop app and browser mode on the same folder never lose an update. A file that cannot be read
// is moved aside (never overwritten) and the user is told through `notices`.
import { promises as fs, type BigIntStats } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ApiError } from '../../shared/errors';
import type { Profile } from '../../shared/profile-types';
import { writeFileAtomic, TEMP_SUFFIX } from './atomic-write';
import { CURRENT_PROFILE_FILE_VERSION, readProfileText, serializeProfileFile } from './profile-format';

export const PROFILES_FILE = 'profiles.json';
const LOCK_FILE = 'profiles.lock';

export interface ProfilesFileOptions {
  dataDir: string;
  now: () => Date;
  /** Tests only: the rename step of the atomic write (to simulate a crash before it). */
  renameFile?: (from: string, to: string) => Promise<void>;
  /** How long a lock may go un-refreshed before it counts as left by a dead process (min 2000). */
  lockStaleMs?: number;
}

interface Loaded {
  profiles: Profile[];
  fromVersion: number;
}

export class ProfilesFile {
  readonly path: string;
  private readonly dataDir: string;
  private readonly now: () => Date;
  private readonly renameFile: ((from: string, to: string) => Promise<void>) | undefined;
  private readonly lockStaleMs: number;
  /** Serialises this instance's operations; the lock file serialises instances and processes. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly told: string[] = [];
  /**
   * The file as last read, by identity (inode, size, change times): an unchanged file is not parsed
   * and validated again (the sidebar lists often; 1,000 profiles are over a megabyte). Every write
   * replaces the file, so any change, by this process or another, misses the cache.
   */
  private lastRead: { identity: string; loaded: Loaded } | undefined;

  constructor(options: ProfilesFileOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.path = path.join(this.dataDir, PROFILES_FILE);
    this.now = options.now;
    this.renameFile = options.renameFile;
    this.lockStaleMs = Math.max(2_000, options.lockStaleMs ?? 10_000);
  }

  /** What the user should know about the file (kept until the app restarts). */
  get notices(): string[] {
    return [...this.told];
  }

  /** The profiles as they are on disk now. */
  read(): Promise<Profile[]> {
    return this.locked(async () => (await this.load()).profiles);
  }

  /**
   * What `pick` takes from the profiles on disk now, without copying them first: the sidebar's
   * listing needs five fields of each, and copying 1,000 whole profiles per listing cost more
   * than everything else it does. `pick` must not change what it is given (it is the cache).
   */
  async view<T>(pick: (profiles: readonly Readonly<Profile>[]) => T): Promise<T> {
    // The file unchanged since it was read: answered without the lock (creating and removing a lock
    // directory is most of a listing's cost). The file is only ever replaced whole, so the identity
    // seen here belongs to one complete version; anything else takes the locked path.
    const cached = await this.enqueue(async () => {
      const loaded = await this.cachedIfUnchanged();
      return loaded ? { value: pick(loaded.profiles) } : null;
    });
    if (cached) return cached.value;
    return this.locked(async () => pick((await this.load({ copy: false })).profiles));
  }

  /** Read-modify-write under the lock: `change` is applied to what is on disk now. */
  update<T>(change: (profiles: Profile[]) => { profiles: Profile[]; result: T }): Promise<T> {
    return this.locked(async () => {
      const loaded = await this.load();
      if (loaded.fromVersion > CURRENT_PROFILE_FILE_VERSION) {
        throw new ApiError('internal', `${PROFILES_FILE} was written by a newer version of PKCE Inspector; update the app to change profiles (the file was left as it is).`);
      }
      const { profiles, result } = change(loaded.profiles);
      if (loaded.fromVersion < CURRENT_PROFILE_FILE_VERSION) await this.keepBackup(loaded.fromVersion);
      await writeFileAtomic(this.path, serializeProfileFile(profiles), this.renameFile ? { rename: this.renameFile } : {});
      return result;
    });
  }

  /** Runs `task` after every earlier task of this instance. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The cached read, if the file on disk is still the one it came from. */
  private async cachedIfUnchanged(): Promise<Loaded | null> {
    if (!this.lastRead) return null;
    const stat = await fs.stat(this.path, { bigint: true }).catch(() => null);
    return stat && identityOf(stat) === this.lastRead.identity ? this.lastRead.loaded : null;
  }

  /** Runs `task` after every earlier task of this instance, holding the cross-process lock. */
  private locked<T>(task: () => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await fs.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      const release = await lockfile.lock(this.dataDir, {
        lockfilePath: path.join(this.dataDir, LOCK_FILE),
        realpath: false,
        // A holder that died leaves its lock behind; after `stale` ms without an update it is taken over.
        stale: this.lockStaleMs,
        retries: { retries: 400, factor: 1.2, minTimeout: 5, maxTimeout: 50 },
        onCompromised: (e) => this.told.push(`The profiles lock was lost (${e.message}); if two copies of the app are open, close one.`),
      });
      try {
        return await task();
      } finally {
        await release().catch(() => undefined);
      }
    });
  }

  /** Read the file as it is now. Call only inside `locked`. */
  private async load({ copy = true }: { copy?: boolean } = {}): Promise<Loaded> {
    await this.removeOrphanTempFiles();
    let text: string;
    let identity: string;
    try {
      identity = identityOf(await fs.stat(this.path, { bigint: true }));
      // A copy: callers may change what they get, the cached parse stays as read.
      if (this.lastRead?.identity === identity) return copy ? structuredClone(this.lastRead.loaded) : this.lastRead.loaded;
      text = await fs.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], fromVersion: CURRENT_PROFILE_FILE_VERSION };
      throw new ApiError('internal', `Cannot read ${this.path}: ${(e as Error).message}`);
    }
    this.lastRead = undefined;
    const result = readProfileText(text);
    if (result.ok) {
      const loaded = { profiles: result.profiles, fromVersion: result.fromVersion };
      this.lastRead = { identity, loaded: structuredClone(loaded) };
      return loaded;
    }
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
    if (!this.told.includes(notice)) this.told.push(notice);
  }

  private async moveAside(): Promise<string> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    for (let n = 0; ; n++) {
      const target = path.join(this.dataDir, `profiles.corrupt-${stamp}${n === 0 ? '' : `-${n}`}.json`);
      try {
        // link + unlink rather than rename: never replaces an existing file of that name.
        await fs.link(this.path, target);
        await fs.unlink(this.path);
        return target;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
          await fs.copyFile(this.path, target, fs.constants.COPYFILE_EXCL);
          await fs.unlink(this.path);
          return target;
        }
        throw e;
      }
    }
  }

  /** Before the first write in the current version, keep the old-version file as it was. */
  private async keepBackup(fromVersion: number): Promise<void> {
    const backup = path.join(this.dataDir, `profiles.v${fromVersion}.backup.json`);
    await fs.copyFile(this.path, backup, fs.constants.COPYFILE_EXCL).catch((e: NodeJS.ErrnoException) => {
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

/** A file's identity: any replacement (a new inode) or change (size, times) gives another. */
function identityOf(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}
