// Runs the real electron-vite build (the one `npm run build` runs, same config) into a temporary
// folder and checks what the installers will ship: the entry points package.json and the shell
// expect, a preload that works in a sandbox, a main bundle whose imports are all packaged, and
// the renderer page carrying the app's CSP.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
