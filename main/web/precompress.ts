// Build-time compression of the renderer for browser mode: next to each text asset, a `.br` and a
// `.gz` file, written once by the build (not per request) and served by static-files.ts to clients
// that accept them. The Electron window reads the plain files; the variants are only for HTTP.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export type ContentEncoding = 'br' | 'gzip';
/** File suffix of each precompressed variant, in order of preference. */
export const ENCODING_SUFFIXES: readonly (readonly [ContentEncoding, string])[] = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;
/** Below this a compressed body plus its header saves nothing worth a second file. */
const MIN_BYTES = 512;

export function compressVariants(body: Uint8Array): Record<ContentEncoding, Buffer> {
  return {
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

/** Vite plugin: writes the `.br`/`.gz` variants of every compressible output file that shrinks. */
export function precompressPlugin(): Plugin {
  return {
    name: 'pkce-inspector-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      const names = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        names.map(async (name) => {
          // The bytes as written (after every plugin), not as the bundle object holds them.
          const body = await readFile(join(dir, name));
          if (body.length < MIN_BYTES) return;
          const variants = compressVariants(body);
          for (const [encoding, suffix] of ENCODING_SUFFIXES) {
            if (variants[encoding].length < body.length) await writeFile(join(dir, name + suffix), variants[encoding]);
          }
        }),
      );
    },
  };
}
