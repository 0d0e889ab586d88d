import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultFlowSettings } from '../../shared/settings';
import { readProfileText } from './profile-format';
import { PROFILES_FILE, ProfileStore } from './profile-store';

const here = path.dirname(fileURLToPath(import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-atomic-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('atomic profile writes', () => {
  it('keeps the previous file when a write is interrupted before the rename', async () => {
    const healthy = new ProfileStore({ dataDir: dir });
    const p = await healthy.create({ name: 'keep me', settings: { ...defaultFlowSettings(), clientId: 'before' } });
    const before = await fs.readFile(path.join(dir, PROFILES_FILE), 'utf8');

    const crashing = new ProfileStore({
      dataDir: dir,
      renameFile: async () => {
        throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' });
      },
    });
    await expect(crashing.save({ id: p.id, settings: { ...p.settings, clientId: 'after' }, baseRevision: 0 })).rejects.toThrow(/simulated crash/);

    expect(await fs.readFile(path.join(dir, PROFILES_FILE), 'utf8')).toBe(before);
    expect((await healthy.get(p.id)).settings.clientId).toBe('before');
    // The temp file was cleaned up, and so was the lock.
    expect((await fs.readdir(dir)).sort()).toEqual([PROFILES_FILE]);
  });

  it('leaves a readable file when the writing process is killed mid-save, and the next writer takes over', async () => {
    const store = new ProfileStore({ dataDir: dir, lockStaleMs: 2_000 });
    const p = await store.create({ name: 'hammered', settings: defaultFlowSettings() });
    // An orphaned temp file from an earlier crash is removed by the next writer.
    await fs.writeFile(path.join(dir, `${PROFILES_FILE}.12345.abcdef.tmp`), 'half a file');

    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'test-support', 'save-loop.ts'), dir, p.id], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => resolve());
        child.on('exit', (code) => reject(new Error(`save loop exited early (${code}): ${stderr}`)));
      });
      // Kill at a varying point inside the stream of writes.
      await new Promise((r) => setTimeout(r, 37 * (round + 1)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const text = await fs.readFile(path.join(dir, PROFILES_FILE), 'utf8');
      const read = readProfileText(text);
      expect(read.ok).toBe(true);
    }
    // A new writer gets the (stale) lock, removes leftovers and saves.
    const current = await store.get(p.id);
    const saved = await store.save({ id: p.id, settings: { ...current.settings, state: 'after-kill' }, baseRevision: current.revision });
    expect(saved.settings.state).toBe('after-kill');
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
