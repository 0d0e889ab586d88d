// Fixture files as the renderer sends them: text with a name (a path inside a chosen folder).
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportFile } from '../../shared/import-types';

export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

export async function fixture(...names: string[]): Promise<ImportFile[]> {
  return Promise.all(names.map(async (name) => ({ name: name.split('/').pop()!, text: await readFile(join(FIXTURES, name), 'utf8') })));
}

/** Every file under a fixture folder, named by its path from the folder's parent (as a folder upload is). */
export async function fixtureFolder(folder: string): Promise<ImportFile[]> {
  const root = join(FIXTURES, folder);
  const parent = join(root, '..');
  const out: ImportFile[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push({ name: relative(parent, full).split('\\').join('/'), text: await readFile(full, 'utf8') });
    }
  };
  await walk(root);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
