import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { defaultFlowSettings } from '../../shared/settings';
import { PROFILES_FILE, ProfileStore } from './profile-store';
import { apiRejection } from './test-support/api-rejection';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-profiles-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const settings = (clientId: string) => ({ ...defaultFlowSettings(), clientId, authUrl: 'https://idp.example/authorize', accessTokenUrl: 'https://idp.example/token' });
const readFile = async () => JSON.parse(await fs.readFile(path.join(dir, PROFILES_FILE), 'utf8')) as { version: number; profiles: Array<{ id: string; name: string; revision: number }> };


describe('ProfileStore', () => {
  it('starts empty without creating anything but the folder', async () => {
    const store = new ProfileStore({ dataDir: path.join(dir, 'nested', 'data') });
    expect(await store.list()).toEqual({ profiles: [], notices: [] });
    await expect(fs.access(path.join(dir, 'nested', 'data', PROFILES_FILE))).rejects.toThrow();
  });

  it('round-trips create, get, save, rename, duplicate and delete through the file', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const store = new ProfileStore({ dataDir: dir, now: () => new Date((t += 1000)) });
    const created = await store.create({ name: '  Okta dev  ', settings: settings('abc'), presetId: 'okta' });
    expect(created).toMatchObject({ name: 'Okta dev', presetId: 'okta', revision: 0, createdAt: '2026-01-01T00:00:01.000Z' });

    // A fresh instance sees exactly what the first wrote.
    const other = new ProfileStore({ dataDir: dir });
    expect(await other.get(created.id)).toEqual(created);

    const saved = await store.save({ id: created.id, settings: { ...created.settings, scope: 'openid email' }, baseRevision: 0 });
    expect(saved.revision).toBe(1);
    expect((await other.get(created.id)).settings.scope).toBe('openid email');

    const renamed = await store.rename(created.id, 'Okta prod');
    expect(renamed).toMatchObject({ name: 'Okta prod', revision: 1 });

    const copy = await store.duplicate(created.id);
    expect(copy).toMatchObject({ name: 'Okta prod (copy)', revision: 0, presetId: 'okta' });
    expect(copy.id).not.toBe(created.id);
    expect(copy.settings).toEqual(saved.settings);

    expect((await other.list()).profiles.map((p) => p.name)).toEqual(['Okta prod', 'Okta prod (copy)']);
    await store.delete(created.id);
    expect((await other.list()).profiles.map((p) => p.id)).toEqual([copy.id]);
    expect((await readFile()).version).toBe(3);
    expect((await apiRejection(store.get(created.id))).code).toBe('not_found');
  });

  it('lists entries (summary fields, by name) from the cached read without letting a caller change it', async () => {
    const store = new ProfileStore({ dataDir: dir });
    const zeta = await store.create({ name: 'zeta', settings: settings('z') });
    const alpha = await store.create({ name: 'Alpha', settings: settings('a'), presetId: 'okta' });
    const { entries, notices } = await store.listEntries();
    expect(notices).toEqual([]);
    expect(entries).toEqual([
      { id: alpha.id, name: 'Alpha', presetId: 'okta', updatedAt: alpha.updatedAt, revision: 0 },
      { id: zeta.id, name: 'zeta', updatedAt: zeta.updatedAt, revision: 0 },
    ]);
    expect(entries.map((e) => e.id)).toEqual((await store.list()).profiles.map((p) => p.id));
    entries[0]!.name = 'changed by a caller';
    expect((await store.listEntries()).entries[0]!.name).toBe('Alpha');
    expect((await store.get(alpha.id)).settings.clientId).toBe('a');
    // A change by another instance (another process) is seen at once.
    await new ProfileStore({ dataDir: dir }).rename(zeta.id, 'beta');
    expect((await store.listEntries()).entries.map((e) => e.name)).toEqual(['Alpha', 'beta']);
  });

  it('writes the file readable by the user only', async () => {
    if (process.platform === 'win32') return;
    const store = new ProfileStore({ dataDir: dir });
    await store.create({ name: 'p', settings: settings('x') });
    expect((await fs.stat(path.join(dir, PROFILES_FILE))).mode & 0o777).toBe(0o600);
  });

  it('refuses a save based on an older revision and keeps the newer one', async () => {
    const store = new ProfileStore({ dataDir: dir });
    const p = await store.create({ name: 'p', settings: settings('one') });
    await store.save({ id: p.id, settings: settings('two'), baseRevision: 0 });
    const err = await apiRejection(store.save({ id: p.id, settings: settings('stale'), baseRevision: 0 }));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/reload/i);
    expect((await store.get(p.id)).settings.clientId).toBe('two');
  });

  it('de-duplicates names on create and refuses a rename onto an existing name', async () => {
    const store = new ProfileStore({ dataDir: dir });
    await store.create({ name: 'Auth0', settings: settings('a') });
    const second = await store.create({ name: 'auth0', settings: settings('b') });
    expect(second.name).toBe('auth0 (2)');
    const err = await apiRejection(store.rename(second.id, 'AUTH0'));
    expect(err.code).toBe('conflict');
  });

  it('does not lose any of many parallel creates and saves', { timeout: 60_000 }, async () => {
    const store = new ProfileStore({ dataDir: dir });
    const base = await store.create({ name: 'counter', settings: settings('c') });
    const creates = Array.from({ length: 25 }, (_, i) => store.create({ name: `p${i}`, settings: settings(`id${i}`) }));
    // Each save reads the latest revision first, as the UI would after a reload.
    const saves = Array.from({ length: 10 }, async (_, i) => {
      for (;;) {
        const current = await store.get(base.id);
        try {
          return await store.save({ id: base.id, settings: { ...current.settings, extraAuthParams: [...current.settings.extraAuthParams, { key: `k${i}`, value: 'v', enabled: true }] }, baseRevision: current.revision });
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 'conflict')) throw e;
        }
      }
    });
    await Promise.all([...creates, ...saves]);
    const { profiles } = await new ProfileStore({ dataDir: dir }).list();
    expect(profiles).toHaveLength(26);
    const counter = profiles.find((p) => p.id === base.id)!;
    expect(counter.revision).toBe(10);
    expect(counter.settings.extraAuthParams.map((r) => r.key).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
  });

  it('keeps every update when two store instances share the folder', async () => {
    const a = new ProfileStore({ dataDir: dir });
    const b = new ProfileStore({ dataDir: dir });
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).create({ name: `n${i}`, settings: settings(`c${i}`) })));
    const names = (await a.list()).profiles.map((p) => p.name);
    expect(names).toHaveLength(30);
    expect(new Set(names).size).toBe(30);
    // No lock or temp file is left behind.
    expect((await fs.readdir(dir)).sort()).toEqual([PROFILES_FILE]);
  });

  it('keeps every update when separate processes (the desktop app and browser mode) write at once', async () => {
    const child = (prefix: string) =>
      new Promise<void>((resolve, reject) => {
        const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-support', 'create-many.ts');
        const p = spawn(process.execPath, ['--import', 'tsx', script, dir, prefix, '15'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child ${prefix} exited ${code}: ${stderr}`))));
      });
    const here = new ProfileStore({ dataDir: dir });
    await Promise.all([child('desktop'), child('web'), ...Array.from({ length: 15 }, (_, i) => here.create({ name: `parent-${i}`, settings: settings('p') }))]);
    const names = new Set((await here.list()).profiles.map((p) => p.name));
    for (const prefix of ['desktop', 'web', 'parent']) {
      for (let i = 0; i < 15; i++) expect(names.has(`${prefix}-${i}`), `${prefix}-${i}`).toBe(true);
    }
    expect(names.size).toBe(45);
  }, 60_000);

  it('reports a missing profile for every operation on it', async () => {
    const store = new ProfileStore({ dataDir: dir });
    for (const op of [store.get('nope'), store.save({ id: 'nope', settings: settings('x'), baseRevision: 0 }), store.rename('nope', 'x'), store.duplicate('nope'), store.delete('nope'), store.exportJson(['nope'])]) {
      expect((await apiRejection(op)).code).toBe('not_found');
    }
  });
});
