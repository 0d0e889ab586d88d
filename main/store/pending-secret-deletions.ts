// Client secrets of deleted profiles that the keychain could not delete at the time: their profile
// ids (never a secret) in the data folder, tried again at the next start until the keychain lets
// them go. Written atomically under a lock, as the desktop app and browser mode may share the folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { ApiError } from '../../shared/errors';
import { writeFileAtomic } from './atomic-write';
import type { SecretStore } from './secret-store';

export const PENDING_DELETIONS_FILE = 'secret-deletions-pending.json';

const PendingFileSchema = z.object({ version: z.literal(1), profileIds: z.array(z.string().min(1).max(100)) });

export class PendingSecretDeletions {
  readonly path: string;
  private readonly dataDir: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor({ dataDir }: { dataDir: string }) {
    this.dataDir = path.resolve(dataDir);
    this.path = path.join(this.dataDir, PENDING_DELETIONS_FILE);
  }

  /**
   * The ids pending. Reading takes no lock (the sidebar's listing asks each time): the file is only
   * ever replaced whole, so a reader sees one version or the other; the queue still puts the read
   * after this process's own changes.
   */
  list(): Promise<string[]> {
    const run = this.queue.then(() => this.read());
    this.queue = run.catch(() => undefined);
    return run;
  }

  add(profileId: string): Promise<void> {
    return this.change((ids) => (ids.includes(profileId) ? ids : [...ids, profileId]));
  }

  /** Deletes each pending secret again; the ones the keychain still refuses stay listed. */
  async retry(secrets: Pick<SecretStore, 'delete'>): Promise<{ deleted: string[]; remaining: string[] }> {
    const pending = await this.list();
    if (pending.length === 0) return { deleted: [], remaining: [] };
    const deleted: string[] = [];
    for (const id of pending) {
      try {
        await secrets.delete(id);
        deleted.push(id);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'keychain_unavailable')) throw e;
        break; // the keychain is still away: the others would fail the same way
      }
    }
    let remaining: string[] = [];
    await this.change((ids) => (remaining = ids.filter((id) => !deleted.includes(id))));
    return { deleted, remaining };
  }

  private change(update: (ids: string[]) => string[]): Promise<void> {
    return this.locked(async () => {
      const before = await this.read();
      const after = update(before);
      if (after.length === before.length && after.every((id, i) => id === before[i])) return;
      if (after.length === 0) await fs.rm(this.path, { force: true });
      else await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, profileIds: after }, null, 2)}\n`);
    });
  }

  private async read(): Promise<string[]> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    try {
      const parsed = PendingFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data.profileIds;
    } catch {
      // fall through
    }
    // Unreadable: it only ever names ids of deleted profiles, so starting over loses no user data.
    return [];
  }

  /** In-process queue plus a lock file beside the list (the profiles lock guards another file). */
  private locked<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await fs.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      const release = await lockfile.lock(this.path, { realpath: false, stale: 10_000, retries: { retries: 400, factor: 1.2, minTimeout: 5, maxTimeout: 50 } });
      try {
        return await task();
      } finally {
        await release().catch(() => undefined);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
