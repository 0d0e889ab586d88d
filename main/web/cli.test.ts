// The CLI as a process: help and bad options (a full start is covered by the e2e tests, which spawn it).
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const runCli = (...args: string[]) => spawnSync(`${ROOT}node_modules/.bin/tsx`, ['main/web/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

describe('npm run web (process)', () => {
  it('--help prints the usage and exits 0 without starting anything', () => {
    const result = runCli('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: npm run web');
    expect(result.stdout).not.toContain('PKCE Inspector: http');
  });

  it('a bad option exits 2 with the reason and the usage', () => {
    const result = runCli('--port', 'eighty');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be a whole number');
    expect(result.stderr).toContain('Usage: npm run web');
    expect(result.stdout).toBe('');
  });

  it('a port in use exits 1 saying which port and what to do', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = runCli('--port', String(port), '--data-dir', join(tmpdir(), 'pkce-web-cli-test'));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`port ${port} is in use`);
      expect(result.stdout).not.toContain('PKCE Inspector: http');
    } finally {
      blocker.close();
    }
  });
});
