// Client secrets, one per profile, kept in the OS keychain (macOS Keychain, Windows Credential
// Manager, libsecret's Secret Service on Linux) through keytar: one service name, one account per
// profile id. Each item holds the secret with the endpoint origins it is bound to (stored-secret.ts).
// Secrets never reach a file, a log or an error message.
import type { KeychainStatus } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { createKeychainCall, DEFAULT_KEYCHAIN_SERVICE, type KeytarLike } from './keytar-access';
import { decodeStoredSecret, encodeStoredSecret, type StoredSecret } from './stored-secret';

export type { StoredSecret } from './stored-secret';
export { DEFAULT_KEYCHAIN_SERVICE, type KeytarLike } from './keytar-access';

/**
 * The raw store. Only the secret guard (secret-guard.ts) reads a secret to send it, after checking
 * its binding; everything else needs `has` at most.
 */
export interface SecretStore {
  status(): Promise<KeychainStatus>;
  get(profileId: string): Promise<StoredSecret | null>;
  set(profileId: string, value: { secret: string; origins: string[] }): Promise<void>;
  delete(profileId: string): Promise<void>;
  has(profileId: string): Promise<boolean>;
  /** Which of these profiles have a secret: the sidebar's listing asks for all at once (one keychain call, not 1,000). */
  withSecret(profileIds: readonly string[]): Promise<Set<string>>;
}

/** An account name no profile id can take (ids are UUIDs), read to see whether the keychain answers. */
const PROBE_ACCOUNT = '(keychain availability probe)';

export interface KeytarSecretStoreOptions {
  service?: string;
  /** How keytar is loaded; its native module may be missing or built for another runtime. */
  loadKeytar?: () => Promise<KeytarLike>;
  platform?: NodeJS.Platform;
}

/** Windows Credential Manager keeps at most 5 * 512 bytes per credential (CRED_MAX_CREDENTIAL_BLOB_SIZE). */
export const WINDOWS_SECRET_MAX_BYTES = 2_560;

export function createKeytarSecretStore(options: KeytarSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;
  const call = createKeychainCall(options.loadKeytar);

  return {
    async status() {
      try {
        await call('be reached', (k) => k.getPassword(service, PROBE_ACCOUNT));
        return { available: true };
      } catch (e) {
        return { available: false, reason: (e as Error).message };
      }
    },
    async get(profileId) {
      const text = await call('read the client secret', (k) => k.getPassword(service, profileId));
      return text === null ? null : decodeStoredSecret(text);
    },
    async set(profileId, value) {
      const text = encodeStoredSecret(value);
      // Said up front rather than as a cryptic Credential Manager failure (the limit counts the binding too).
      if (platform === 'win32' && new TextEncoder().encode(text).length > WINDOWS_SECRET_MAX_BYTES) {
        throw new ApiError('invalid_input', `Windows Credential Manager holds at most ${WINDOWS_SECRET_MAX_BYTES} bytes per secret (with the endpoint it is bound to); use this secret for one flow only instead.`);
      }
      await call('store the client secret', (k) => k.setPassword(service, profileId, text), [text, JSON.stringify(value.secret).slice(1, -1), value.secret]);
    },
    async delete(profileId) {
      // false means "there was none", which is what deleting wants.
      await call('delete the client secret', (k) => k.deletePassword(service, profileId));
    },
    has: async (profileId) => (await call('read the client secret', (k) => k.getPassword(service, profileId))) !== null,
    async withSecret(profileIds) {
      const wanted = new Set(profileIds);
      // The service's items hold other accounts too (the key store's, the probe's): only these ids
      // count. The values come along with the accounts and are dropped here, unread.
      const accounts = await call('read the client secrets', async (k) => (k.findCredentials ? (await k.findCredentials(service)).map((item) => item.account) : null));
      if (accounts) return new Set(accounts.filter((account) => wanted.has(account)));
      const found = new Set<string>();
      for (const id of wanted) if ((await call('read the client secret', (k) => k.getPassword(service, id))) !== null) found.add(id);
      return found;
    },
  };
}

/** Secrets in this process's memory only: for tests, and as a fallback the user is told about. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, StoredSecret>();
  return {
    status: async () => ({ available: true }),
    get: async (profileId) => structuredClone(secrets.get(profileId) ?? null),
    set: async (profileId, { secret, origins }) => {
      secrets.set(profileId, { secret, origins: [...origins] });
    },
    delete: async (profileId) => {
      secrets.delete(profileId);
    },
    has: async (profileId) => secrets.has(profileId),
    withSecret: async (profileIds) => new Set(profileIds.filter((id) => secrets.has(id))),
  };
}
