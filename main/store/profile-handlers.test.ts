import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { defaultFlowSettings } from '../../shared/settings';
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

const unavailable = (): SecretStore => {
  const fail = async (): Promise<never> => {
    throw new ApiError('keychain_unavailable', 'The OS keychain could not be reached (no bus).');
  };
  return { status: async () => ({ available: false, reason: 'no bus' }), get: fail, set: fail, delete: fail, has: fail };
};

describe('profile handlers', () => {
  it('reports hasSecret, never the secret, and deletes the secret with its profile', async () => {
    const secrets = createMemorySecretStore();
    const h = createProfileHandlers({ profiles: new ProfileStore({ dataDir: dir }), secrets });
    const p = await h.createProfile({ name: 'Okta', settings: defaultFlowSettings() });
    expect(await h.setClientSecret({ profileId: p.id, secret: 'shh-123' })).toEqual({ hasSecret: true });
    const listed = await h.listProfiles({});
    expect(listed.profiles).toEqual([{ id: p.id, name: 'Okta', updatedAt: p.updatedAt, revision: 0, hasSecret: true }]);
    expect(JSON.stringify(listed)).not.toContain('shh-123');

    const copy = await h.duplicateProfile({ id: p.id });
    expect(await secrets.has(copy.id)).toBe(false);

    await h.deleteProfile({ id: p.id });
    expect(await secrets.get(p.id)).toBeNull();
  });

  it('refuses a secret for a profile that does not exist', async () => {
    const secrets = createMemorySecretStore();
    const h = createProfileHandlers({ profiles: new ProfileStore({ dataDir: dir }), secrets });
    await expect(h.setClientSecret({ profileId: 'ghost', secret: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await secrets.has('ghost')).toBe(false);
  });

  it('keeps the profile list and deletion working when the keychain is unavailable', async () => {
    const h = createProfileHandlers({ profiles: new ProfileStore({ dataDir: dir }), secrets: unavailable() });
    const p = await h.createProfile({ name: 'a', settings: defaultFlowSettings() });
    const listed = await h.listProfiles({});
    expect(listed.profiles[0]).toMatchObject({ id: p.id, hasSecret: false });
    expect(listed.notices).toEqual([expect.stringMatching(/cannot be checked.*no bus/)]);
    await expect(h.setClientSecret({ profileId: p.id, secret: 'x' })).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(await h.deleteProfile({ id: p.id })).toEqual({ deleted: true });
    expect((await h.listProfiles({})).profiles).toEqual([]);
  });
});
