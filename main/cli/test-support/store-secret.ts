// For tests: stores a client secret for a profile through the app's keychain store, in a process
// started with a private keyring's environment (keytar binds to the bus named in its environment).
// PROFILE_ID and CLIENT_SECRET come from the environment, never from the command line.
import { createKeytarSecretStore } from '../../store/secret-store';

const { PROFILE_ID, CLIENT_SECRET } = process.env;
if (!PROFILE_ID || !CLIENT_SECRET) throw new Error('PROFILE_ID and CLIENT_SECRET are needed.');
await createKeytarSecretStore().set(PROFILE_ID, CLIENT_SECRET);
