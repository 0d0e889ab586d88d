// Replace a file so that a reader (or a crash, or a kill) sees either the old content or the new,
// never a torn mix: write a temp file in the same directory, fsync it, rename it over the target,
// then fsync the directory so the rename itself survives a power cut.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the new file (profiles are private to the user). */
  mode?: number;
  /** The rename step; tests inject a failing one to simulate a crash between write and rename. */
  rename?: (from: string, to: string) => Promise<void>;
}

export const TEMP_SUFFIX = '.tmp';

export function tempPathFor(target: string): string {
  return `${target}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

export async function writeFileAtomic(target: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = tempPathFor(target);
  const rename = options.rename ?? fs.rename;
  let renamed = false;
  try {
    const handle = await fs.open(temp, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    renamed = true;
    await syncDirectory(path.dirname(target));
  } finally {
    if (!renamed) await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

/** fsync a directory; Windows cannot open one for that, and some filesystems refuse, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES', 'ENOTSUP'].includes(code ?? '')) throw e;
  } finally {
    await handle?.close();
  }
}
