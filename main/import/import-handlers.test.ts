// previewImport writes nothing; applyImport creates the chosen drafts with fresh ids in one write and
// puts the files' client secrets in the keychain (only when asked), never in profiles.json.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { ProfileStore } from '../store/profile-store';
import { createMemorySecretStore, type SecretStore } from '../store/secret-store';
import { createImportHandlers } from './import-handlers';
import { fixture } from './test-support';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-import-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const SECRET = 'staging-Secret+/=%-from-postman';
const postmanFiles = () => fixture('postman/payments-api.postman_collection.json', 'postman/payments-staging.postman_environment.json');

function setUp(secrets: SecretStore = createMemorySecretStore()) {
  const profiles = new ProfileStore({ dataDir: dir });
  return { profiles, secrets, handlers: createImportHandlers({ profiles, secrets }) };
}

describe('import handlers', () => {
  it('previews without writing anything', async () => {
    const { handlers, profiles } = setUp();
    const preview = await handlers.previewImport({ files: await postmanFiles() });
    expect(preview.drafts).toHaveLength(3);
    expect((await profiles.list()).profiles).toEqual([]);
    await expect(fs.access(path.join(dir, 'profiles.json'))).rejects.toThrow();
  });

  it('creates the chosen drafts with fresh ids and stores their secrets in the keychain only', async () => {
    const { handlers, profiles, secrets } = setUp();
    const files = await postmanFiles();
    const preview = await handlers.previewImport({ files });
    const keys = [preview.drafts[1]!.key, preview.drafts[2]!.key];
    const result = await handlers.applyImport({ files, keys, storeSecrets: true });
    expect(result.imported.map((p) => [p.name, p.hasSecret])).toEqual([
      ['Payments API / Payments / Refund', true],
      ['Payments API / Admin / Reports / Export', false],
    ]);
    expect(result.secretsStored).toBe(1);
    const saved = await profiles.get(result.imported[0]!.id);
    expect(saved.settings).toEqual(preview.drafts[1]!.settings);
    // Bound to the imported token endpoint's origin, as a secret saved in the form is.
    expect(await secrets.get(saved.id)).toEqual({ secret: SECRET, origins: [new URL(saved.settings.accessTokenUrl).origin] });
    expect(await fs.readFile(path.join(dir, 'profiles.json'), 'utf8')).not.toContain('staging-Secret');

    // The same files again: new profiles, new ids, names made unique.
    const again = await handlers.applyImport({ files, keys: [preview.drafts[1]!.key], storeSecrets: false });
    expect(again.imported[0]!.id).not.toBe(saved.id);
    expect(again.imported[0]!.name).toBe('Payments API / Payments / Refund (2)');
    expect(again).toMatchObject({ secretsStored: 0 });
    expect(await secrets.has(again.imported[0]!.id)).toBe(false);
  });

  it('imports the profiles even when the keychain refuses the secrets, and says so', async () => {
    const refusing: SecretStore = {
      ...createMemorySecretStore(),
      set: async () => {
        throw new ApiError('keychain_unavailable', 'The OS keychain could not be reached.');
      },
    };
    const { handlers, profiles } = setUp(refusing);
    const files = await postmanFiles();
    const preview = await handlers.previewImport({ files });
    const result = await handlers.applyImport({ files, keys: preview.drafts.map((d) => d.key), storeSecrets: true });
    expect(result.imported).toHaveLength(3);
    expect(result.secretsStored).toBe(0);
    expect(result.secretsError).toContain('keychain could not be reached');
    expect((await profiles.list()).profiles).toHaveLength(3);
  });

  it('imports nothing from a malformed file or for a key the files do not hold', async () => {
    const { handlers, profiles } = setUp();
    await expect(handlers.applyImport({ files: [{ name: 'x.json', text: '{ nope' }], keys: ['draft-1'], storeSecrets: true })).rejects.toMatchObject({ code: 'import_invalid' });
    await expect(handlers.applyImport({ files: await postmanFiles(), keys: ['draft-1', 'draft-9'], storeSecrets: true })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await profiles.list()).profiles).toEqual([]);
  });

  it("previews this app's own export as such", async () => {
    const { handlers } = setUp();
    const own = JSON.stringify({ format: 'pkce-inspector/profiles', version: 2, profiles: [{ name: 'Mine', settings: {} }] });
    const preview = await handlers.previewImport({ files: [{ name: 'mine.json', text: own }] });
    expect(preview).toMatchObject({ format: 'pkce-inspector', drafts: [{ name: 'Mine', notes: [] }] });
  });
});
