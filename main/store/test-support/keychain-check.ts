// Child process for the real-keychain test: runs against whatever Secret Service the environment's
// D-Bus session offers (the test starts a private one). Prints one JSON line of results; any failed
// assertion exits non-zero. argv: mode ('real' | 'unavailable') dataDir. The secrets come in through
// the environment so the parent can look for them afterwards.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { defaultFlowSettings } from '../../../shared/settings';
import { PendingSecretDeletions } from '../pending-secret-deletions';
import { createProfileHandlers } from '../profile-handlers';
import { ProfileStore } from '../profile-store';
import { createKeytarSecretStore, DEFAULT_KEYCHAIN_SERVICE } from '../secret-store';
import { decodeStoredSecret } from '../stored-secret';

const [mode, dataDir] = process.argv.slice(2);
const first = process.env.KEYCHAIN_TEST_SECRET_1;
const second = process.env.KEYCHAIN_TEST_SECRET_2;
if (!dataDir || !first || !second) throw new Error('usage: keychain-check <real|unavailable> <dataDir> (with KEYCHAIN_TEST_SECRET_1/2 set)');

const steps: string[] = [];
const step = (name: string) => steps.push(name);

async function real(): Promise<void> {
  const secrets = createKeytarSecretStore();
  assert.deepEqual(await secrets.status(), { available: true });
  step('status: available');

  const h = createProfileHandlers({ profiles: new ProfileStore({ dataDir: dataDir! }), secrets, pendingDeletions: new PendingSecretDeletions({ dataDir: dataDir! }) });
  const settings = { ...defaultFlowSettings(), accessTokenUrl: 'https://idp.example/token' };
  const p = await h.createProfile({ name: 'Confidential client', settings });
  await h.setClientSecret({ profileId: p.id, secret: first! });
  step('set');

  // Read back as main does at flow start: a separate store instance, and keytar directly, under one
  // service name with the profile id as the account, the secret bound to its token endpoint's origin.
  assert.deepEqual(await createKeytarSecretStore().get(p.id), { secret: first, origins: ['https://idp.example'] });
  const keytar = (await import('keytar')).default;
  assert.deepEqual(decodeStoredSecret((await keytar.getPassword(DEFAULT_KEYCHAIN_SERVICE, p.id))!), { secret: first, origins: ['https://idp.example'] });
  assert.equal((await h.listProfiles({})).profiles[0]?.hasSecret, true);
  step('read in main');

  await h.setClientSecret({ profileId: p.id, secret: second! });
  assert.equal((await secrets.get(p.id))?.secret, second);
  assert.deepEqual((await keytar.findCredentials(DEFAULT_KEYCHAIN_SERVICE)).map((c) => c.account), [p.id]);
  step('replace');

  const other = await h.createProfile({ name: 'Second', settings });
  await h.setClientSecret({ profileId: other.id, secret: first! });
  await h.clearClientSecret({ profileId: other.id });
  assert.equal(await secrets.has(other.id), false);
  step('clear');

  // The sidebar's question, answered by one listing of the service.
  assert.deepEqual([...(await secrets.withSecret([p.id, other.id, 'no-such-profile']))], [p.id]);
  assert.deepEqual((await h.listProfiles({})).profiles.map((x) => [x.name, x.hasSecret]), [['Confidential client', true], ['Second', false]]);
  step('which have a secret');

  for (const f of await fs.readdir(dataDir!)) {
    const text = await fs.readFile(path.join(dataDir!, f), 'utf8');
    assert.ok(!text.includes(first!) && !text.includes(second!), `a secret was written to ${f}`);
  }
  step('not in the data folder');

  await h.deleteProfile({ id: p.id });
  assert.equal(await secrets.get(p.id), null);
  assert.equal(await keytar.getPassword(DEFAULT_KEYCHAIN_SERVICE, p.id), null);
  step('deleted with its profile');
}

async function unavailable(): Promise<void> {
  const secrets = createKeytarSecretStore();
  const status = await secrets.status();
  assert.equal(status.available, false);
  assert.match(status.reason ?? '', /libsecret-1-0/);
  step(`status: ${status.reason}`);
  try {
    await secrets.set('some-profile', { secret: first!, origins: ['https://idp.example'] });
    assert.fail('set should fail without a Secret Service');
  } catch (e) {
    assert.equal((e as { code?: string }).code, 'keychain_unavailable');
    assert.ok(!(e as Error).message.includes(first!), 'the secret is in the error message');
    step(`set: ${(e as Error).message}`);
  }
}

await (mode === 'real' ? real() : unavailable());
process.stdout.write(`${JSON.stringify({ steps })}\n`);
