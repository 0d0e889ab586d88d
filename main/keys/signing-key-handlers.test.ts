import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, ApiInput, MethodName } from '../../shared/contract';
import { dispatch } from '../../shared/contract-dispatch';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { PendingSecretDeletions } from '../store/pending-secret-deletions';
import { createProfileHandlers } from '../store/profile-handlers';
import { ProfileStore } from '../store/profile-store';
import { createMemorySecretStore } from '../store/secret-store';
import { createMemoryKeyStore, type KeyStore } from './key-store';
import { resolveClientKeys } from './resolve-client-keys';
import { createSigningKeyHandlers } from './signing-key-handlers';

let dir: string;
let profiles: ProfileStore;
let keys: KeyStore;
let handlers: ApiHandlers;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-signing-key-'));
  profiles = new ProfileStore({ dataDir: dir });
  keys = createMemoryKeyStore();
  const pendingDeletions = new PendingSecretDeletions({ dataDir: dir });
  handlers = { ...createProfileHandlers({ profiles, secrets: createMemorySecretStore(), pendingDeletions, keys }), ...createSigningKeyHandlers({ profiles, keys }) } as ApiHandlers;
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const settings = (overrides: Partial<FlowSettings> = {}): FlowSettings => ({
  ...defaultFlowSettings(),
  issuer: 'https://login.example',
  accessTokenUrl: 'https://idp.example/oauth2/token',
  revocationUrl: 'https://revoke.example/revoke',
  clientAuthentication: 'private_key_jwt',
  ...overrides,
});

async function call<M extends MethodName>(method: M, input: ApiInput<M>) {
  return dispatch(handlers, method, input);
}

const pem = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;

describe('signing key methods', () => {
  it('store a pasted key in the keychain and answer only its public summary, bound to the saved endpoints', async () => {
    const profile = await profiles.create({ name: 'FAPI', settings: settings() });
    expect(await call('getSigningKey', { profileId: profile.id })).toEqual({ ok: true, value: { key: null } });

    const privateKey = pem();
    const set = await call('setSigningKey', { profileId: profile.id, privateKey, alg: '', kid: 'kid-1' });
    expect(set.ok).toBe(true);
    const answer = JSON.stringify(set);
    expect(answer).not.toContain('"d"');
    expect(answer).not.toContain(privateKey.split('\n')[1]);
    const key = (set as { value: { key: Record<string, unknown> } }).value.key;
    expect(key).toMatchObject({ alg: 'ES256', kid: 'kid-1', keyType: 'EC P-256', source: 'imported', boundOrigins: ['https://idp.example', 'https://revoke.example', 'https://login.example'] });
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'kid-1', alg: 'ES256', use: 'sig' });

    // The private half is in the keychain item, and nowhere in the profiles file.
    const item = JSON.parse((await keys.get(profile.id, 'signing-key'))!);
    expect(typeof item.privateJwk.d).toBe('string');
    const files = await fs.readdir(dir);
    for (const file of files) expect(await fs.readFile(path.join(dir, file), 'utf8')).not.toContain(item.privateJwk.d);

    expect(await call('getSigningKey', { profileId: profile.id })).toEqual(set);
  });

  it('refuses a bad key with words at the field, keeping what was stored', async () => {
    const profile = await profiles.create({ name: 'FAPI', settings: settings() });
    await call('generateSigningKey', { profileId: profile.id, alg: 'ES256', kid: '' });
    const before = await keys.get(profile.id, 'signing-key');
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const refused = await call('setSigningKey', { profileId: profile.id, privateKey, alg: 'ES256', kid: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ field: 'privateKey' }] } });
    expect(JSON.stringify(refused)).not.toContain(privateKey.split('\n')[1]);
    expect(await keys.get(profile.id, 'signing-key')).toBe(before);
    // The contract's own schema: an algorithm outside the list never reaches the handler.
    expect(await call('generateSigningKey', { profileId: profile.id, alg: 'HS256' as never, kid: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('generate (with the chosen alg and kid), remove, and delete with the profile; an unknown profile stores nothing', async () => {
    const profile = await profiles.create({ name: 'FAPI', settings: settings() });
    const generated = await call('generateSigningKey', { profileId: profile.id, alg: 'PS256', kid: 'rotated-2026' });
    expect(generated).toMatchObject({ ok: true, value: { key: { alg: 'PS256', kid: 'rotated-2026', keyType: 'RSA 2048 bits', source: 'generated' } } });
    expect(await call('clearSigningKey', { profileId: profile.id })).toEqual({ ok: true, value: { key: null } });
    expect(await keys.get(profile.id, 'signing-key')).toBeNull();

    await call('generateSigningKey', { profileId: profile.id, alg: 'EdDSA', kid: '' });
    await call('deleteProfile', { id: profile.id });
    expect(await keys.get(profile.id, 'signing-key')).toBeNull();

    expect(await call('generateSigningKey', { profileId: 'nope', alg: 'ES256', kid: '' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await keys.get('nope', 'signing-key')).toBeNull();
  });
});

describe('resolveClientKeys', () => {
  it('loads the signing key only when private_key_jwt or a signed request needs it', async () => {
    const profile = await profiles.create({ name: 'FAPI', settings: settings() });
    await call('generateSigningKey', { profileId: profile.id, alg: 'ES384', kid: 'k' });
    expect(await resolveClientKeys(keys, settings({ clientAuthentication: 'basic' }), profile.id)).toEqual({});
    expect((await resolveClientKeys(keys, settings(), profile.id)).signingKey).toMatchObject({ alg: 'ES384', kid: 'k' });
    expect((await resolveClientKeys(keys, settings({ clientAuthentication: 'basic', signAuthorizationRequest: true }), profile.id)).signingKey?.alg).toBe('ES384');
  });

  it('says that a saved profile with a key is needed', async () => {
    await expect(resolveClientKeys(keys, settings(), null)).rejects.toThrow(/kept in the OS keychain with a saved profile: save the profile first/);
    const profile = await profiles.create({ name: 'FAPI', settings: settings() });
    await expect(resolveClientKeys(keys, settings(), profile.id)).rejects.toMatchObject({ code: 'invalid_settings', message: expect.stringMatching(/this profile has none: paste one or press Generate key/) });
    await expect(resolveClientKeys(keys, settings({ clientAuthentication: 'client_secret_jwt' }), null)).resolves.toEqual({});
  });
});
