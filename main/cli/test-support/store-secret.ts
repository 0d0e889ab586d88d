// For tests: stores a client secret for a profile through the app's keychain store, in a process
// started with a private keyring's environment (keytar binds to the bus named in its environment),
// bound to the profile's endpoints as the app's Save binds it. PROFILE_ID, CLIENT_SECRET and DATA_DIR
// come from the environment, never from the command line.
import { ProfileStore } from '../../store/profile-store';
import { endpointOrigins } from '../../store/secret-endpoints';
import { createKeytarSecretStore } from '../../store/secret-store';

const { PROFILE_ID, CLIENT_SECRET, DATA_DIR } = process.env;
if (!PROFILE_ID || !CLIENT_SECRET || !DATA_DIR) throw new Error('PROFILE_ID, CLIENT_SECRET and DATA_DIR are needed.');
const profile = await new ProfileStore({ dataDir: DATA_DIR }).get(PROFILE_ID);
await createKeytarSecretStore().set(PROFILE_ID, { secret: CLIENT_SECRET, origins: endpointOrigins(profile.settings) });
