// Runs the real electron-vite build (the one `npm run build` runs, same config) into a temporary
// folder and checks what the installers will ship: the entry points package.json and the shell
// expect, a preload that works in a sandbox, a main bundle whose imports are all packaged, and
// the renderer page carrying the app's CSP.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFirstLoad } from '../scripts/bench/first-load';
import { buildContentSecurityPolicy } from '../shared/csp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(join(tmpdir(), 'pkce-inspector-build-'));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

beforeAll(async () => {
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  await promisify(execFile)(process.execPath, [existsSync(cli) ? cli : join(root, 'node_modules/electron-vite/dist/cli.js'), 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: root, timeout: 90_000 });
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the electron-vite build', () => {
  it('produces the entry points package.json and the shell load', () => {
    expect(packageJson.main).toBe('out/main/index.js');
    expect(existsSync(join(outDir, 'main/index.js'))).toBe(true);
    expect(existsSync(join(outDir, 'preload/index.cjs'))).toBe(true);
    expect(existsSync(join(outDir, 'renderer/index.html'))).toBe(true);
  });

  it('bundles a preload that requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const preload = readFileSync(join(outDir, 'preload/index.cjs'), 'utf8');
    const required = new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('imports in main only electron, Node built-ins and production dependencies (all packaged)', () => {
    const main = readFileSync(join(outDir, 'main/index.js'), 'utf8');
    const specifiers = new Set([...main.matchAll(/(?:^|\n)\s*import\s[^'"]*?from\s*["']([^"']+)["']|import\(["']([^"']+)["']\)|(?:^|\n)\s*import\s*["']([^"']+)["']/g)].map((m) => m[1] ?? m[2] ?? m[3]));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    const unpackaged = [...specifiers].filter((spec): spec is string => spec !== undefined && !spec.startsWith('.') && spec !== 'electron' && !builtins.has(spec) && !(packageOf(spec) in packageJson.dependencies));
    expect(specifiers.size).toBeGreaterThan(1);
    expect(unpackaged).toEqual([]);
  });

  it('writes the app CSP into the page, once, with no inline script', () => {
    const html = readFileSync(join(outDir, 'renderer/index.html'), 'utf8');
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/g)].map((m) => m[1]);
    expect(metas).toEqual([buildContentSecurityPolicy({ forMeta: true })]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('pre-renders the first screen into the page, its controls disabled until React hydrates them', () => {
    const html = readFileSync(join(outDir, 'renderer/index.html'), 'utf8');
    const root = /<div id="root">([\s\S]*)<\/div>\s*<\/body>/.exec(html)?.[1] ?? '';
    expect(root).toMatch(/<fieldset class="hydration-gate"[^>]*\sdisabled/);
    expect(root).toContain('Get New Access Token');
    expect(root).toContain('value="http://127.0.0.1/callback"');
    // The app's chunks are neither preloaded nor compiled while the first frame is drawn: the
    // entry imports them once it is painted (renderer/after-first-paint.ts).
    expect(html).not.toContain('modulepreload');
  });

  it('keeps the panels a first paint does not need out of the first load, each in a chunk of its own', async () => {
    const dir = join(outDir, 'renderer');
    const assets = readdirSync(join(dir, 'assets'));
    const firstLoad = await analyzeFirstLoad(dir);
    expect(firstLoad.files[0]).toMatch(/^assets\/index-[\w-]+\.js$/);
    // The app the entry imports after the first paint is part of the first load, and counted.
    expect(firstLoad.files.some((f) => /^assets\/start-app-[\w-]+\.js$/.test(f))).toBe(true);
    for (const panel of ['TokenDetail', 'TracePanel', 'MetadataDetails', 'DiscoveryTrace']) {
      expect(assets.filter((f) => f.startsWith(`${panel}-`) && f.endsWith('.js'))).toHaveLength(1);
      expect(firstLoad.files.filter((f) => f.includes(`/${panel}-`))).toEqual([]);
    }
    const code = firstLoad.files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(code).toContain('Get New Access Token');
    // Text only the lazy panels hold (a token response's details, the trace's secrets switch).
    expect(code).not.toContain('Copy Token Type');
    expect(code).not.toContain('Include secrets');
    // No zod: the page gets what it would compute with it as build-time constants.
    expect(code).not.toContain('$ZodType');
    // Minified: few, long lines.
    expect(code.split('\n').length).toBeLessThan(code.length / 1000);
  });

  it('writes brotli and gzip copies next to the renderer files for browser mode, and keeps them out of the installers', () => {
    const dir = join(outDir, 'renderer');
    const texts = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|html)$/.test(f) && readFileSync(join(dir, f)).length >= 512);
    expect(texts.length).toBeGreaterThan(3);
    for (const file of texts) {
      const body = readFileSync(join(dir, file));
      expect(brotliDecompressSync(readFileSync(join(dir, `${file}.br`)))).toEqual(body);
      expect(gunzipSync(readFileSync(join(dir, `${file}.gz`)))).toEqual(body);
    }
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).toContain('"!out/renderer/**/*.{br,gz}"');
  });
});

describe('the CSP meta plugin in dev', () => {
  it('removes the page meta in dev, where Electron sends the dev policy as a header', async () => {
    const { default: config } = await import('../electron.vite.config');
    const plugins = ((config as { renderer?: { plugins?: unknown[] } }).renderer?.plugins ?? []).flat() as { name?: string; transformIndexHtml?: { handler: (html: string, ctx: object) => string } }[];
    const plugin = plugins.find((p) => p?.name === 'pkce-inspector-csp-meta');
    const html = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    const dev = plugin!.transformIndexHtml!.handler(html, { server: {} });
    expect(dev).not.toMatch(/Content-Security-Policy/);
    expect(dev).toContain('<script type="module"');
    const built = plugin!.transformIndexHtml!.handler(html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''), {});
    expect(built).toContain(`content="${buildContentSecurityPolicy({ forMeta: true })}"`);
  });
});
