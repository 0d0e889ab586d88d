// The parsed profiles file is kept while the file on disk is unchanged; any change is read again.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultFlowSettings } from '../../shared/settings';
import { PROFILES_FILE, ProfileStore } from './profile-store';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-profiles-cache-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

const settings = (clientId: string) => ({ ...defaultFlowSettings(), clientId, authUrl: 'https://idp.example/authorize', accessTokenUrl: 'https://idp.example/token' });
const profilesFile = () => path.join(dir, PROFILES_FILE);

describe('the profiles file read cache', () => {
  it('does not read an unchanged file again', async () => {
    const store = new ProfileStore({ dataDir: dir });
    await store.create({ name: 'A', settings: settings('a') });
    await store.list();
    const reads = vi.spyOn(fs, 'readFile');
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['A']);
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['A']);
    expect(reads.mock.calls.filter(([file]) => file === profilesFile())).toHaveLength(0);
  });

  it('lists an unchanged file without taking the lock, and a changed one under it', async () => {
    const store = new ProfileStore({ dataDir: dir });
    await store.create({ name: 'A', settings: settings('a') });
    await store.listEntries();
    const mkdirs = vi.spyOn(fs, 'mkdir');
    expect((await store.listEntries()).entries.map((e) => e.name)).toEqual(['A']);
    expect(mkdirs).not.toHaveBeenCalled();
    await new ProfileStore({ dataDir: dir }).create({ name: 'B', settings: settings('b') });
    mkdirs.mockClear();
    expect((await store.listEntries()).entries.map((e) => e.name)).toEqual(['A', 'B']);
    expect(mkdirs).toHaveBeenCalled(); // the locked path makes sure of the folder first
  });

  it('sees what another instance (another window, the other runtime) wrote to the same folder', async () => {
    const mine = new ProfileStore({ dataDir: dir });
    const other = new ProfileStore({ dataDir: dir });
    await mine.create({ name: 'A', settings: settings('a') });
    expect((await mine.list()).profiles).toHaveLength(1);
    const b = await other.create({ name: 'B', settings: settings('b') });
    expect((await mine.list()).profiles.map((p) => p.name)).toEqual(['A', 'B']);
    await other.rename(b.id, 'C');
    expect((await mine.get(b.id)).name).toBe('C');
  });

  it('sees the file edited in place by hand', async () => {
    const store = new ProfileStore({ dataDir: dir });
    const a = await store.create({ name: 'A', settings: settings('a') });
    await store.list();
    const text = await fs.readFile(profilesFile(), 'utf8');
    // Same length, so only the change times tell the files apart.
    await fs.writeFile(profilesFile(), text.replace('"name": "A"', '"name": "Z"'));
    expect((await store.get(a.id)).name).toBe('Z');
  });

  it('hands out copies: changing what a listing returned changes neither the file nor the next listing', async () => {
    const store = new ProfileStore({ dataDir: dir });
    await store.create({ name: 'A', settings: settings('a') });
    const first = await store.list();
    first.profiles[0]!.name = 'changed';
    first.profiles[0]!.settings.clientId = 'changed';
    const again = await store.list();
    expect(again.profiles[0]).toMatchObject({ name: 'A', settings: { clientId: 'a' } });
  });
});
