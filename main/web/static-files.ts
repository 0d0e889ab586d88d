// The built renderer, read into memory once at start. Requests are answered from this fixed table
// of known files, so no request path ever reaches the file system: traversal has nothing to walk.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import mime from 'mime-types';

export interface StaticFile {
  body: Buffer;
  contentType: string;
  etag: string;
  cacheControl: string;
}

export type StaticFiles = ReadonlyMap<string, StaticFile>;

/** Vite puts content-hashed bundles under /assets/: those can be cached for good. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export async function loadStaticFiles(rootDir: string): Promise<StaticFiles> {
  const files = new Map<string, StaticFile>();
  for (const path of await listFiles(rootDir)) {
    const urlPath = `/${relative(rootDir, path).split(sep).join('/')}`;
    const body = await readFile(path);
    files.set(urlPath, {
      body,
      contentType: mime.contentType(path.slice(path.lastIndexOf('.'))) || 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      cacheControl: HASHED_ASSET.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }
  if (!files.has('/index.html')) throw new Error(`No index.html in ${rootDir}: build the renderer first (npm run build).`);
  return files;
}

/** The file for a request path; `/` is the app's page. Anything not in the build is null. */
export function lookupStaticFile(files: StaticFiles, pathname: string): StaticFile | null {
  return files.get(pathname === '/' ? '/index.html' : pathname) ?? null;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
