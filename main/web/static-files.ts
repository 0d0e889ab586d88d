// The built renderer, read into memory once at start. Requests are answered from this fixed table
// of known files, so no request path ever reaches the file system: traversal has nothing to walk.
// The build's precompressed `.br`/`.gz` copies (precompress.ts) are variants of their file, not
// paths of their own.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import mime from 'mime-types';
import { ENCODING_SUFFIXES, type ContentEncoding } from './precompress';

export type { ContentEncoding } from './precompress';

export interface StaticFile {
  body: Buffer;
  contentType: string;
  etag: string;
  cacheControl: string;
  /** The same content compressed at build time, by Content-Encoding. */
  encoded: Partial<Record<ContentEncoding, { body: Buffer; etag: string }>>;
}

export type StaticFiles = ReadonlyMap<string, StaticFile>;

/** Vite puts content-hashed bundles under /assets/: those can be cached for good. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export async function loadStaticFiles(rootDir: string): Promise<StaticFiles> {
  const files = new Map<string, StaticFile>();
  const paths = await listFiles(rootDir);
  const urlPathOf = (path: string) => `/${relative(rootDir, path).split(sep).join('/')}`;
  const isVariant = (urlPath: string) => ENCODING_SUFFIXES.some(([, suffix]) => urlPath.endsWith(suffix) && paths.some((p) => urlPathOf(p) === urlPath.slice(0, -suffix.length)));
  for (const path of paths) {
    const urlPath = urlPathOf(path);
    if (isVariant(urlPath)) continue;
    const body = await readFile(path);
    const etag = etagOf(body);
    const encoded: StaticFile['encoded'] = {};
    for (const [encoding, suffix] of ENCODING_SUFFIXES) {
      const variant = await readFile(path + suffix).catch(() => null);
      // A validator per representation (RFC 9110 §8.8.3), so a cache never mixes them up.
      if (variant) encoded[encoding] = { body: variant, etag: `${etag.slice(0, -1)}-${encoding}"` };
    }
    files.set(urlPath, {
      body,
      contentType: mime.contentType(path.slice(path.lastIndexOf('.'))) || 'application/octet-stream',
      etag,
      cacheControl: HASHED_ASSET.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache',
      encoded,
    });
  }
  if (!files.has('/index.html')) throw new Error(`No index.html in ${rootDir}: build the renderer first (npm run build).`);
  return files;
}

/** The file for a request path; `/` is the app's page. Anything not in the build is null. */
export function lookupStaticFile(files: StaticFiles, pathname: string): StaticFile | null {
  return files.get(pathname === '/' ? '/index.html' : pathname) ?? null;
}

/**
 * The encoding to send, from an Accept-Encoding header and the variants a file has: brotli before
 * gzip, skipping codings the client refused with q=0. Null means the plain body.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly ContentEncoding[]): ContentEncoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.toLowerCase().split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name) accepted.set(name, Number.isFinite(weight) ? weight : 0); // an unreadable q refuses, to be safe
  }
  const wildcard = accepted.get('*');
  for (const [encoding] of ENCODING_SUFFIXES) {
    if (!available.includes(encoding)) continue;
    const weight = accepted.get(encoding) ?? (encoding === 'gzip' ? accepted.get('x-gzip') : undefined) ?? wildcard ?? 0;
    if (weight > 0) return encoding;
  }
  return null;
}

function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
