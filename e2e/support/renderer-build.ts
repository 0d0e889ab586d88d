// The e2e tests run against the built renderer. Building takes a while on a small machine, so it is
// rebuilt only when a renderer or shared source (or the build config) is newer than the last build.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

const SOURCES = ['renderer', 'shared', 'electron.vite.config.ts', 'main/web/precompress.ts', 'package.json'];
const BUILT_PAGE = join(REPO_ROOT, 'out', 'renderer', 'index.html');

export async function ensureRendererBuilt(): Promise<void> {
  const built = await stat(BUILT_PAGE).then((s) => s.mtimeMs, () => 0);
  const newest = Math.max(...(await Promise.all(SOURCES.map((p) => newestMtime(join(REPO_ROOT, p))))));
  if (built > newest && !process.env.E2E_REBUILD) return;
  await run(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['main/web/build-renderer.ts']);
}

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const times = await Promise.all(entries.filter((e) => e.isFile()).map((e) => stat(join(e.parentPath, e.name)).then((s) => s.mtimeMs)));
  return Math.max(info.mtimeMs, ...times);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Renderer build failed (exit ${code}):\n${output.slice(-4_000)}`))));
  });
}
