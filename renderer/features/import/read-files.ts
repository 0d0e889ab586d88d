// Files chosen or dropped, as text with a name: a folder's files are named by their path inside it
// (`Travel API/Bookings/login.bru`), as importers of a Bruno collection folder need. Only the kinds
// of file an export can be are read; a folder's .git and node_modules are skipped.
import type { ImportFile } from '../../../shared/import-types';
import type { DroppedParts } from '../../early-drops';
import { readFileText } from '../profiles/download';

const IMPORTABLE = /\.(json|ya?ml|bru)$/i;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export function importable(name: string): boolean {
  return IMPORTABLE.test(name) && !name.split('/').some((part) => SKIPPED_DIRS.has(part));
}

/** Files from an `<input type="file">` (multiple, or a folder with webkitdirectory). */
export async function readChosenFiles(list: FileList | File[]): Promise<ImportFile[]> {
  const files = [...list].map((file) => ({ file, name: file.webkitRelativePath || file.name })).filter((f) => importable(f.name));
  return Promise.all(files.map(async ({ file, name }) => ({ name, text: await readFileText(file) })));
}

/** Files and folders dropped on the page (what the drop carried, taken during its event). */
export async function readDropped({ entries, files }: DroppedParts): Promise<ImportFile[]> {
  if (entries.length === 0) return readChosenFiles(files);
  const out: ImportFile[] = [];
  for (const entry of entries) await collect(entry, out);
  return out;
}

async function collect(entry: FileSystemEntry, out: ImportFile[]): Promise<void> {
  const name = entry.fullPath.replace(/^\//, '') || entry.name;
  if (entry.isFile) {
    if (!importable(name)) return;
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ name, text: await readFileText(file) });
    return;
  }
  if (!entry.isDirectory || SKIPPED_DIRS.has(entry.name)) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await collect(child, out);
  }
}
