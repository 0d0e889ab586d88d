// The keychain's availability without waiting for it: asking the OS keychain (loading keytar, a
// round trip to the Secret Service) takes long enough to hold up the app's first screen. The first
// probe starts when the app starts; later askers get the last answer at once while a fresh probe
// runs behind it, so a keychain that comes or goes is noticed by the next ask.
import type { KeychainStatus } from '../../shared/contract';
import type { SecretStore } from './secret-store';

export function withCachedKeychainStatus(store: SecretStore): SecretStore {
  let known: KeychainStatus | undefined;
  let probing: Promise<KeychainStatus> | undefined;
  const probe = (): Promise<KeychainStatus> =>
    (probing ??= store.status().then(
      (status) => {
        known = status;
        probing = undefined;
        return status;
      },
      (err: unknown) => {
        probing = undefined;
        throw err;
      },
    ));
  void probe().catch(() => undefined); // at start, off any request's path
  return {
    async status() {
      const fresh = probe();
      if (known) {
        fresh.catch(() => undefined); // the answer given is the last one; a failed refresh is retried next ask
        return known;
      }
      return fresh;
    },
    get: (profileId) => store.get(profileId),
    set: (profileId, value) => store.set(profileId, value),
    delete: (profileId) => store.delete(profileId),
    has: (profileId) => store.has(profileId),
    withSecret: (profileIds) => store.withSecret(profileIds),
  };
}
