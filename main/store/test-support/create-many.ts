// Child process for the cross-process test: creates profiles named <prefix>-0 ... <prefix>-(count-1),
// all at once, in the given data folder. argv: dataDir prefix count
import { defaultFlowSettings } from '../../../shared/settings';
import { ProfileStore } from '../profile-store';

const [dataDir, prefix, count] = process.argv.slice(2);
if (!dataDir || !prefix || !count) throw new Error('usage: create-many <dataDir> <prefix> <count>');
const store = new ProfileStore({ dataDir });
await Promise.all(Array.from({ length: Number(count) }, (_, i) => store.create({ name: `${prefix}-${i}`, settings: defaultFlowSettings() })));
process.stdout.write('done\n');
