// Child process for the crash test: saves one profile over and over until it is killed.
// argv: dataDir profileId
import { ProfileStore } from '../profile-store';

const [dataDir, id] = process.argv.slice(2);
if (!dataDir || !id) throw new Error('usage: save-loop <dataDir> <profileId>');
const store = new ProfileStore({ dataDir, lockStaleMs: 2_000 });
let n = 0;
for (;;) {
  const current = await store.get(id);
  // Large rows make each write take long enough for a kill to land inside one.
  const rows = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `${n}`.padEnd(8_000, 'x'), enabled: true }));
  await store.save({ id, baseRevision: current.revision, settings: { ...current.settings, state: `n${n}`, extraAuthParams: rows } });
  n += 1;
  if (n === 3) process.stdout.write('saving\n');
}
