// Browser mode serves the build's precompressed copies (precompress.ts) to clients that accept them,
// with a validator per representation, and caches content-hashed assets for good but not the page.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../shared/contract';
import { compressVariants } from './precompress';
import { startWebServer, type WebServer } from './server';
import { chooseEncoding } from './static-files';

const SCRIPT = `export const text = ${JSON.stringify('PKCE Inspector '.repeat(400))};\n`;
const PAGE = `<!doctype html><title>PKCE Inspector</title>${'<p>filler</p>'.repeat(100)}`;

let dir: string;
let server: WebServer;

async function withVariants(path: string, body: string): Promise<void> {
  await writeFile(path, body);
  const variants = compressVariants(Buffer.from(body));
  await writeFile(`${path}.br`, variants.br);
  await writeFile(`${path}.gz`, variants.gzip);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkce-precompressed-'));
  await mkdir(join(dir, 'assets'));
  await withVariants(join(dir, 'index.html'), PAGE);
  await withVariants(join(dir, 'assets', 'index-AbCdEf12.js'), SCRIPT);
  await writeFile(join(dir, 'assets', 'plain-AbCdEf12.css'), 'a{}');
  server = await startWebServer({ handlers: {} as ApiHandlers, subscribe: () => () => {}, rendererDir: dir, port: 0 });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('precompressed assets in browser mode', () => {
  it('sends brotli to a browser that accepts it, with Vary, a length of the compressed body and an immutable cache', async () => {
    const reply = await get('/assets/index-AbCdEf12.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(reply.body).toString('utf8')).toBe(SCRIPT);
  });

  it('sends gzip where brotli is not accepted, and the plain file where nothing is', async () => {
    const gzip = await get('/assets/index-AbCdEf12.js', { 'Accept-Encoding': 'gzip;q=1.0, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(SCRIPT);
    const plain = await get('/assets/index-AbCdEf12.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString('utf8')).toBe(SCRIPT);
  });

  it('keeps the page itself revalidated on every load, compressed too', async () => {
    const reply = await get('/', { 'Accept-Encoding': 'br' });
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(reply.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(reply.body).toString('utf8')).toBe(PAGE);
  });

  it('gives each encoding its own ETag, and answers a conditional request with 304 only for the same one', async () => {
    const br = await get('/assets/index-AbCdEf12.js', { 'Accept-Encoding': 'br' });
    const plain = await get('/assets/index-AbCdEf12.js');
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    const again = await get('/assets/index-AbCdEf12.js', { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.headers['content-encoding']).toBe('br');
    expect(again.body.length).toBe(0);
    const other = await get('/assets/index-AbCdEf12.js', { 'If-None-Match': String(br.headers.etag) });
    expect(other.status).toBe(200);
    expect(other.body.toString('utf8')).toBe(SCRIPT);
  });

  it('serves a file without variants as it is, and never the variant files as paths of their own', async () => {
    const css = await get('/assets/plain-AbCdEf12.css', { 'Accept-Encoding': 'br, gzip' });
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.headers.vary).toBeUndefined();
    expect(css.body.toString('utf8')).toBe('a{}');
    expect((await get('/assets/index-AbCdEf12.js.br')).status).toBe(404);
    expect((await get('/index.html.gz')).status).toBe(404);
  });
});

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, honouring q=0 refusals, wildcards and the old x-gzip name', () => {
    expect(chooseEncoding('gzip, br', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('gzip, br', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('*', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('*;q=0, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('x-gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('identity', ['br', 'gzip'])).toBeNull();
    expect(chooseEncoding('BR ; Q=0.5', ['br'])).toBe('br');
    expect(chooseEncoding('br;q=abc', ['br'])).toBeNull();
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBeNull();
    expect(chooseEncoding('', ['br'])).toBeNull();
  });
});
