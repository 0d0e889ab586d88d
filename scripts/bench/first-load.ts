// What a first load of the built renderer fetches as JavaScript: the page's module scripts and
// modulepreloads, what those page scripts import dynamically (the entry imports the app that way
// once the pre-rendered page is painted: renderer/main.tsx), and everything all of these import
// statically. A dynamic import() deeper down is a lazy chunk (a panel), left out. Used by the bench
// (goal 1) and by the test that the panels stay out of the first load.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FirstLoad {
  /** Paths relative to the renderer folder, e.g. assets/index-AbCd1234.js. */
  files: string[];
  bytes: number;
  gzipBytes: number;
}

const PAGE_SCRIPT = /<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g;
const MODULE_PRELOAD = /<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g;
/** `import x from"./a.js"`, `import"./a.js"`, `export*from"./a.js"`: static; `import("./a.js")` is not matched. */
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g;
/** `import("./a.js")` or import(`./a.js`), as the minifier writes it. */
const DYNAMIC_IMPORT = /(?:^|[^\w$.])import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

export async function analyzeFirstLoad(rendererDir: string): Promise<FirstLoad> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const pageScripts = [...html.matchAll(PAGE_SCRIPT), ...html.matchAll(MODULE_PRELOAD)].map((m) => normalize(m[1]!, ''));
  const read = cachedReader(rendererDir);
  const queue = [...pageScripts];
  for (const script of pageScripts) {
    for (const m of (await read(script)).toString('utf8').matchAll(DYNAMIC_IMPORT)) queue.push(normalize(m[1]!, script));
  }
  const seen = new Set<string>();
  let bytes = 0;
  let gzipBytes = 0;
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await read(file);
    bytes += code.length;
    // As served: the build's .gz copy when there is one, else compressed here the same way.
    gzipBytes += (await readFile(join(rendererDir, `${file}.gz`)).catch(() => null))?.length ?? gzipSync(code, { level: 9 }).length;
    for (const m of code.toString('utf8').matchAll(STATIC_IMPORT)) queue.push(normalize(m[1]!, file));
  }
  return { files: [...seen], bytes, gzipBytes };
}

/** The page's scripts are read for their dynamic imports, then again as part of the load: once is enough. */
function cachedReader(rendererDir: string): (file: string) => Promise<Buffer> {
  const read = new Map<string, Promise<Buffer>>();
  return (file) => {
    let contents = read.get(file);
    if (!contents) read.set(file, (contents = readFile(join(rendererDir, file))));
    return contents;
  };
}

/** A module specifier, relative to the importing file (or the page), as a path from the renderer folder. */
function normalize(specifier: string, from: string): string {
  const base = new URL(from || 'index.html', 'file:///r/');
  return decodeURIComponent(new URL(specifier, base).pathname.replace(/^\/r\//, ''));
}
