import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultFlowSettings } from '../../shared/settings';
import { PROFILES_FILE, ProfileStore } from './profile-store';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = path.join(fixtures, 'profiles.v1.json');
const fixtureV2 = path.join(fixtures, 'profiles.v2.json');
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-profile-file-'));
  file = path.join(dir, PROFILES_FILE);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('profiles.json versions', () => {
  it('migrates a version-1 file (Postman-style flat fields) to the current settings', async () => {
    await fs.copyFile(fixture, file);
    const store = new ProfileStore({ dataDir: dir });
    const { profiles, notices } = await store.list();
    expect(notices).toEqual([]);
    const entra = profiles.find((p) => p.name === 'Entra test tenant')!;
    expect(entra).toMatchObject({
      id: '9b7e4a1c-0000-4000-8000-000000000001',
      presetId: 'azure-ad',
      revision: 0,
      createdAt: new Date(1700000000000).toISOString(),
      updatedAt: new Date(1700000500000).toISOString(),
    });
    expect(entra.settings).toEqual({
      ...defaultFlowSettings(),
      tokenName: 'Graph token',
      authUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
      accessTokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
      clientId: '11111111-2222-3333-4444-555555555555',
      callbackUrl: 'https://localhost',
      // Postman's "authorize using browser" off = its embedded window.
      authorizeMode: 'embedded',
      scope: 'openid profile offline_access',
      clientAuthentication: 'body',
      extraAuthParams: [{ key: 'prompt', value: 'login', enabled: true }],
    });
    const keycloak = profiles.find((p) => p.name === 'Local Keycloak')!;
    expect(keycloak.settings).toMatchObject({ authorizeMode: 'browser-loopback', codeChallengeMethod: 'plain', clientAuthentication: 'basic', callbackUrl: 'http://127.0.0.1:53682/callback' });
  });

  it('writes the current version on the next change and keeps the v1 file as a backup', async () => {
    await fs.copyFile(fixture, file);
    const store = new ProfileStore({ dataDir: dir });
    const [first] = (await store.list()).profiles;
    await store.save({ id: first!.id, settings: first!.settings, baseRevision: 0 });
    const written = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(written.version).toBe(3);
    expect(written.profiles).toHaveLength(2);
    expect(await fs.readFile(path.join(dir, 'profiles.v1.backup.json'), 'utf8')).toBe(await fs.readFile(fixture, 'utf8'));
  });

  it('migrates a version-2 file: every setting kept, no issuer and no metadata yet, the new endpoint fields empty', async () => {
    await fs.copyFile(fixtureV2, file);
    const store = new ProfileStore({ dataDir: dir });
    const { profiles, notices } = await store.list();
    expect(notices).toEqual([]);
    const v2 = JSON.parse(await fs.readFile(fixtureV2, 'utf8')).profiles;
    const keycloak = profiles.find((p) => p.name === 'Keycloak staging');
    const entra = profiles.find((p) => p.name === 'Entra SPA');
    expect(keycloak).toEqual({ ...v2[0], settings: { ...defaultFlowSettings(), ...v2[0].settings, issuer: '', metadata: null } });
    expect(keycloak!.settings).toMatchObject({ issuer: '', metadata: null, jwksUri: '', refreshTokenUrl: '', extraRefreshParams: [], resource: 'https://api.example.com' });
    // Rows keep their usual place: no Send as.
    expect(keycloak!.settings.extraTokenParams).toEqual([{ key: 'x-debug', value: '1', enabled: false }]);
    // A v2 profile that relied on defaults gets the same defaults.
    expect(entra!.settings).toEqual({ ...defaultFlowSettings(), ...v2[1].settings });

    await store.save({ id: keycloak!.id, settings: keycloak!.settings, baseRevision: 7 });
    const written = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(written.version).toBe(3);
    expect(written.profiles.map((p: { settings: object }) => p.settings)).toEqual([expect.objectContaining({ issuer: '', metadata: null }), expect.objectContaining({ issuer: '', metadata: null })]);
    expect(await fs.readFile(path.join(dir, 'profiles.v2.backup.json'), 'utf8')).toBe(await fs.readFile(fixtureV2, 'utf8'));
  });

  it('keeps the issuer and the discovered metadata through a save, a reload and an export/import', async () => {
    const store = new ProfileStore({ dataDir: dir });
    const metadata = {
      source: 'https://sso.example.com/realms/demo/.well-known/openid-configuration',
      fetchedAt: '2026-02-03T04:05:06.000Z',
      metadata: {
        issuer: 'https://sso.example.com/realms/demo',
        authorization_endpoint: 'https://sso.example.com/realms/demo/protocol/openid-connect/auth',
        token_endpoint: 'https://sso.example.com/realms/demo/protocol/openid-connect/token',
        jwks_uri: 'https://sso.example.com/realms/demo/protocol/openid-connect/certs',
        code_challenge_methods_supported: ['plain', 'S256'],
        authorization_response_iss_parameter_supported: true,
        require_pushed_authorization_requests: false,
      },
    };
    const settings = { ...defaultFlowSettings(), issuer: metadata.metadata.issuer, metadata };
    const created = await store.create({ name: 'Keycloak', settings });
    const reread = await new ProfileStore({ dataDir: dir }).get(created.id);
    expect(reread.settings).toEqual(settings);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).version).toBe(3);

    const other = new ProfileStore({ dataDir: path.join(dir, 'other') });
    const [imported] = await other.importJson((await store.exportJson()).json);
    expect(imported!.settings).toEqual(settings);
  });

  it.each([
    ['bad JSON', '{"version": 2, "profiles": [', /not valid JSON/],
    ['valid JSON failing the schema', JSON.stringify({ version: 2, profiles: [{ id: 'a', name: 'x', settings: { authorizeMode: 'carrier-pigeon' } }] }), /profiles\[0\]/],
    ['an unknown old version', JSON.stringify({ version: 0, profiles: [] }), /version/],
  ])('moves %s aside, tells the user, and never overwrites it', async (_label, content, why) => {
    await fs.writeFile(file, content);
    const store = new ProfileStore({ dataDir: dir, now: () => new Date('2026-02-03T04:05:06.789Z') });
    const { profiles, notices } = await store.list();
    expect(profiles).toEqual([]);
    expect(notices).toHaveLength(1);
    const aside = path.join(dir, 'profiles.corrupt-2026-02-03T04-05-06-789Z.json');
    expect(notices[0]).toContain(aside);
    expect(notices[0]).toMatch(why);
    expect(await fs.readFile(aside, 'utf8')).toBe(content);

    // Creating a profile afterwards starts a fresh file; the moved-aside copy is untouched, and the
    // notice stays until the app restarts.
    await store.create({ name: 'new', settings: defaultFlowSettings() });
    expect(await fs.readFile(aside, 'utf8')).toBe(content);
    expect((await store.list()).notices).toHaveLength(1);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).profiles).toHaveLength(1);
  });

  it('never replaces an earlier corrupt copy with the same timestamp', async () => {
    const now = () => new Date('2026-02-03T04:05:06.789Z');
    await fs.writeFile(file, 'first broken');
    await new ProfileStore({ dataDir: dir, now }).list();
    await fs.writeFile(file, 'second broken');
    await new ProfileStore({ dataDir: dir, now }).list();
    const copies = (await fs.readdir(dir)).filter((f) => f.startsWith('profiles.corrupt-')).sort();
    expect(copies).toHaveLength(2);
    const contents = await Promise.all(copies.map((f) => fs.readFile(path.join(dir, f), 'utf8')));
    expect(contents.sort()).toEqual(['first broken', 'second broken']);
  });

  it('leaves a file from a newer app version alone and refuses to change it', async () => {
    const newer = JSON.stringify({ version: 99, profiles: [{ whatever: true }] });
    await fs.writeFile(file, newer);
    const store = new ProfileStore({ dataDir: dir });
    const { profiles, notices } = await store.list();
    expect(profiles).toEqual([]);
    expect(notices[0]).toMatch(/newer version/);
    await expect(store.create({ name: 'x', settings: defaultFlowSettings() })).rejects.toThrow(/newer version/);
    expect(await fs.readFile(file, 'utf8')).toBe(newer);
  });
});
