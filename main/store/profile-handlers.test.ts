import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { PENDING_DELETIONS_FILE, PendingSecretDeletions } from './pending-secret-deletions';
import { createProfileHandlers } from './profile-handlers';
import { ProfileStore } from './profile-store';
import { createMemorySecretStore, type SecretStore } from './secret-store';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-handlers-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const settings = (overrides: Partial<FlowSettings> = {}): FlowSettings => ({ ...defaultFlowSettings(), accessTokenUrl: 'https://idp.example/oauth2/token', ...overrides });

const unavailable = (): SecretStore => {
  const fail = async (): Promise<never> => {
    throw new ApiError('keychain_unavailable', 'The OS keychain could not be reached (no bus).');
  };
  return { status: async () => ({ available: false, reason: 'no bus' }), get: fail, set: fail, delete: fail, has: fail, withSecret: fail };
};

/** A keychain that works, except that deleting fails while `deleting` is false. */
function stubbornDeletes() {
  const store = createMemorySecretStore();
  const control = { deleting: false };
  const secrets: SecretStore = {
    ...store,
    delete: async (id) => {
      if (!control.deleting) throw new ApiError('keychain_unavailable', 'The OS keychain could not delete the client secret (locked).');
      await store.delete(id);
    },
  };
  return { secrets, control };
}

const handlers = (secrets: SecretStore) => createProfileHandlers({ profiles: new ProfileStore({ dataDir: dir }), secrets, pendingDeletions: new PendingSecretDeletions({ dataDir: dir }) });

describe('profile handlers', () => {
  it('reports hasSecret, never the secret, and deletes the secret with its profile', async () => {
    const secrets = createMemorySecretStore();
    const h = handlers(secrets);
    const p = await h.createProfile({ name: 'Okta', settings: settings() });
    expect(await h.setClientSecret({ profileId: p.id, secret: 'shh-123' })).toEqual({ hasSecret: true });
    const listed = await h.listProfiles({});
    expect(listed).toEqual({ profiles: [{ id: p.id, name: 'Okta', updatedAt: p.updatedAt, revision: 0, hasSecret: true }], notices: [] });
    expect(JSON.stringify(listed)).not.toContain('shh-123');

    const copy = await h.duplicateProfile({ id: p.id });
    expect(await secrets.has(copy.id)).toBe(false);

    expect(await h.deleteProfile({ id: p.id })).toEqual({ deleted: true });
    expect(await secrets.get(p.id)).toBeNull();
  });

  it('binds a stored secret to the origin of the saved Access Token URL', async () => {
    const secrets = createMemorySecretStore();
    const h = handlers(secrets);
    const p = await h.createProfile({ name: 'Okta', settings: settings({ accessTokenUrl: 'https://IDP.example:443/oauth2/v1/token?x=1' }) });
    await h.setClientSecret({ profileId: p.id, secret: 'shh-123' });
    expect(await secrets.get(p.id)).toEqual({ secret: 'shh-123', origins: ['https://idp.example'] });

    // Saving a new URL alone does not move the secret; storing it again with the saved profile does.
    const saved = await h.saveProfile({ id: p.id, settings: settings({ accessTokenUrl: 'http://127.0.0.1:8080/token' }), baseRevision: 0 });
    expect((await secrets.get(p.id))?.origins).toEqual(['https://idp.example']);
    await h.setClientSecret({ profileId: saved.id, secret: 'shh-456' });
    expect(await secrets.get(p.id)).toEqual({ secret: 'shh-456', origins: ['http://127.0.0.1:8080'] });
  });

  it('refuses to store a secret for a profile with no usable Access Token URL, or one that does not exist', async () => {
    const secrets = createMemorySecretStore();
    const h = handlers(secrets);
    for (const accessTokenUrl of ['', 'https://{yourOktaDomain}/oauth2/v1/token']) {
      const p = await h.createProfile({ name: `No URL ${accessTokenUrl}`, settings: settings({ accessTokenUrl }) });
      await expect(h.setClientSecret({ profileId: p.id, secret: 'x' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/saved with a complete Access Token URL/) });
      expect(await secrets.has(p.id)).toBe(false);
    }
    await expect(h.setClientSecret({ profileId: 'ghost', secret: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await secrets.has('ghost')).toBe(false);
  });

  it('lists with one keychain question for all profiles, not one per profile', async () => {
    const store = createMemorySecretStore();
    const asked: string[][] = [];
    const secrets: SecretStore = {
      ...store,
      has: async () => {
        throw new Error('listing must not ask profile by profile');
      },
      withSecret: async (ids) => (asked.push([...ids]), store.withSecret(ids)),
    };
    const h = handlers(secrets);
    const b = await h.createProfile({ name: 'b', settings: settings() });
    const a = await h.createProfile({ name: 'a', settings: settings() });
    await store.set(b.id, { secret: 's', origins: ['https://idp.example'] });
    const listed = await h.listProfiles({});
    expect(listed.profiles.map((p) => [p.name, p.hasSecret])).toEqual([['a', false], ['b', true]]);
    expect(asked).toEqual([[a.id, b.id]]);
  });

  it('keeps the profile list and deletion working when the keychain is unavailable, saying so once', async () => {
    const h = handlers(unavailable());
    const a = await h.createProfile({ name: 'a', settings: settings() });
    await h.createProfile({ name: 'b', settings: settings() });
    const listed = await h.listProfiles({});
    expect(listed.profiles.map((p) => p.hasSecret)).toEqual([false, false]);
    expect(listed.keychain).toEqual({ available: false, reason: expect.stringMatching(/no bus/) });
    expect(listed.notices).toEqual([]);
    await expect(h.setClientSecret({ profileId: a.id, secret: 'x' })).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(await h.deleteProfile({ id: a.id })).toMatchObject({ deleted: true, notice: expect.stringMatching(/could not be removed from the OS keychain.*next start/) });
    expect((await h.listProfiles({})).profiles.map((p) => p.name)).toEqual(['b']);
  });

  it('lists a secret the keychain would not delete (by profile id only) and deletes it at the next start', async () => {
    const { secrets, control } = stubbornDeletes();
    const h = handlers(secrets);
    const p = await h.createProfile({ name: 'Leaving', settings: settings() });
    await h.setClientSecret({ profileId: p.id, secret: 'canary-7731' });

    const out = await h.deleteProfile({ id: p.id });
    expect(out.notice).toMatch(/^The profile was deleted, but its client secret .* could not be removed from the OS keychain: .*locked.* It will be removed at the next start/);
    const file = await fs.readFile(path.join(dir, PENDING_DELETIONS_FILE), 'utf8');
    expect(JSON.parse(file)).toEqual({ version: 1, profileIds: [p.id] });
    expect(file).not.toContain('canary-7731');
    expect((await h.listProfiles({})).notices).toEqual(['The client secret of a deleted profile could not be removed from the OS keychain yet; the app tries again at the next start.']);

    // Next start, keychain still locked: nothing lost, still pending.
    expect(await new PendingSecretDeletions({ dataDir: dir }).retry(secrets)).toEqual({ deleted: [], remaining: [p.id] });
    expect(await secrets.has(p.id)).toBe(true);

    // The start after: the keychain lets go; the list is gone.
    control.deleting = true;
    expect(await new PendingSecretDeletions({ dataDir: dir }).retry(secrets)).toEqual({ deleted: [p.id], remaining: [] });
    expect(await secrets.has(p.id)).toBe(false);
    await expect(fs.access(path.join(dir, PENDING_DELETIONS_FILE))).rejects.toThrow();
    expect((await h.listProfiles({})).notices).toEqual([]);
  });

  it('imports with fresh ids, so an edited file cannot pick up another profile\'s stored secret', async () => {
    const secrets = createMemorySecretStore();
    const h = handlers(secrets);
    const victim = await h.createProfile({ name: 'Victim', settings: settings() });
    await h.setClientSecret({ profileId: victim.id, secret: 'victim-secret' });
    const { json } = await h.exportProfiles({ ids: [victim.id] });
    const edited = json.replace('https://idp.example/oauth2/token', 'https://attacker.example/token');
    expect(edited).toContain(victim.id);

    const { imported } = await h.importProfiles({ json: edited });
    expect(imported).toEqual([expect.objectContaining({ name: 'Victim (2)', hasSecret: false })]);
    expect(imported[0]!.id).not.toBe(victim.id);
    expect(await secrets.has(imported[0]!.id)).toBe(false);
    // Importing twice never reuses an id either.
    const again = await h.importProfiles({ json });
    expect(new Set([victim.id, imported[0]!.id, again.imported[0]!.id]).size).toBe(3);
  });
});
