import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { defaultFlowSettings } from '../../shared/settings';
import { PROFILES_FILE, ProfileStore } from './profile-store';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'profiles.v1.json');
let dir: string;
let store: ProfileStore;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-transfer-'));
  store = new ProfileStore({ dataDir: dir, now: () => new Date('2026-03-04T05:06:07Z') });
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function importError(json: string): Promise<ApiError> {
  try {
    await store.importJson(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('import_invalid');
    return e as ApiError;
  }
  throw new Error('expected import_invalid');
}

describe('export and import', () => {
  it('exports one or all profiles and imports them back under new ids and de-duplicated names', async () => {
    const a = await store.create({ name: 'Keycloak dev', settings: { ...defaultFlowSettings(), clientId: 'kc' } });
    await store.create({ name: 'Auth0', settings: { ...defaultFlowSettings(), clientId: 'a0', audience: 'https://api' } });

    const one = await store.exportJson([a.id]);
    expect(one.fileName).toBe('pkce-inspector-keycloak-dev-2026-03-04.json');
    expect(JSON.parse(one.json)).toMatchObject({ format: 'pkce-inspector/profiles', version: 3, profiles: [{ id: a.id, name: 'Keycloak dev' }] });

    const all = await store.exportJson();
    expect(all.fileName).toBe('pkce-inspector-profiles-2026-03-04.json');
    const imported = await store.importJson(all.json);
    expect(imported.map((p) => p.name)).toEqual(['Auth0 (2)', 'Keycloak dev (2)']);
    expect(imported.every((p) => p.revision === 0)).toBe(true);
    const { profiles } = await store.list();
    expect(profiles).toHaveLength(4);
    expect(new Set(profiles.map((p) => p.id)).size).toBe(4);
    expect(imported.find((p) => p.name === 'Auth0 (2)')!.settings.audience).toBe('https://api');
  });

  it('assigns fresh ids even when the file\'s ids are free here (keychain secrets are stored by id)', async () => {
    const other = new ProfileStore({ dataDir: path.join(dir, 'other') });
    const p = await other.create({ name: 'moved', settings: defaultFlowSettings() });
    const [imported] = await store.importJson((await other.exportJson()).json);
    expect(imported!.id).not.toBe(p.id);
    expect(imported!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(imported!.name).toBe('moved');
  });

  it('imports a version-1 file through the same migration', async () => {
    const imported = await store.importJson(await fs.readFile(fixture, 'utf8'));
    expect(imported.map((p) => p.settings.authorizeMode).sort()).toEqual(['browser-loopback', 'embedded']);
  });

  it('imports a version-2 export through the v2 → v3 migration', async () => {
    const v2 = JSON.parse(await fs.readFile(path.join(path.dirname(fixture), 'profiles.v2.json'), 'utf8'));
    const imported = await store.importJson(JSON.stringify({ format: 'pkce-inspector/profiles', exportedAt: '2026-01-06T00:00:00.000Z', ...v2 }));
    expect(imported.map((p) => [p.name, p.settings.issuer, p.settings.metadata, p.settings.clientId])).toEqual([
      ['Keycloak staging', '', null, 'inspector'],
      ['Entra SPA', '', null, '11111111-2222-3333-4444-555555555555'],
    ]);
  });

  it('accepts a hand-written import without ids, timestamps or revisions', async () => {
    const [p] = await store.importJson(JSON.stringify({ version: 2, profiles: [{ name: 'typed by hand', settings: { clientId: 'x' } }] }));
    expect(p).toMatchObject({ name: 'typed by hand', revision: 0, createdAt: '2026-03-04T05:06:07.000Z' });
    expect(p!.settings).toEqual({ ...defaultFlowSettings(), clientId: 'x' });
  });

  it('names every bad field and why, and imports nothing', async () => {
    await store.create({ name: 'existing', settings: defaultFlowSettings() });
    const before = await fs.readFile(path.join(dir, PROFILES_FILE), 'utf8');
    const err = await importError(
      JSON.stringify({
        version: 2,
        profiles: [
          { name: 'fine', settings: {} },
          { name: '', settings: { codeChallengeMethod: 'MD5', verifierLength: 500 } },
        ],
      }),
    );
    expect(err.message).toMatch(/Nothing was imported/);
    const fields = err.fields!.map((f) => f.field).sort();
    expect(fields).toEqual(['profiles[1].name', 'profiles[1].settings.codeChallengeMethod', 'profiles[1].settings.verifierLength']);
    expect(err.fields!.find((f) => f.field === 'profiles[1].name')!.message).toMatch(/needs a name/);
    expect(await fs.readFile(path.join(dir, PROFILES_FILE), 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', 'hello', '(document)', /not valid JSON/],
    ['no version', JSON.stringify({ profiles: [{ name: 'x', settings: {} }] }), 'version', /./],
    ['a newer version', JSON.stringify({ version: 7, profiles: [] }), 'version', /newer/],
    ['no profiles', JSON.stringify({ version: 2, profiles: [] }), 'profiles', /no profiles/],
  ])('rejects %s', async (_label, json, field, why) => {
    const err = await importError(json);
    expect(err.fields).toContainEqual({ field, message: expect.stringMatching(why) });
    expect((await store.list()).profiles).toEqual([]);
  });

  it('never exports a secret, even one typed into a field that should not hold it', async () => {
    await store.create({ name: 'p', settings: defaultFlowSettings() });
    // Someone hand-edits profiles.json and adds a secret: it is dropped on read, so it cannot leak out.
    const file = path.join(dir, PROFILES_FILE);
    const doc = JSON.parse(await fs.readFile(file, 'utf8'));
    doc.profiles[0].clientSecret = 'hunter2-export-canary';
    doc.profiles[0].settings.client_secret = 'hunter2-export-canary';
    await fs.writeFile(file, JSON.stringify(doc));
    const { json } = await store.exportJson();
    expect(json).not.toContain('hunter2-export-canary');
    // And the next write drops it from the file as well.
    const [p] = (await store.list()).profiles;
    await store.rename(p!.id, 'renamed');
    expect(await fs.readFile(file, 'utf8')).not.toContain('hunter2-export-canary');
  });
});
