// keytar loaded once, lazily, and every keychain call wrapped so that any failure (loading
// included) becomes `keychain_unavailable` with words for the user, and no secret in the message.
// Shared by the client-secret store and the per-profile key store (main/keys/).
import { ApiError } from '../../shared/errors';
import { describeCause, keychainUnavailableMessage } from './keychain-help';

/** The part of keytar used here (also what tests substitute). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  /** Every item of the service in one call (keytar has no listing of accounts alone). */
  findCredentials?(service: string): Promise<Array<{ account: string; password: string }>>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'PKCE Inspector';

async function importKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
  // keytar is CommonJS: under ESM its functions may sit on `default`.
  return mod.default && typeof mod.default.getPassword === 'function' ? mod.default : mod;
}

/** Runs one keychain call; `action` completes "The keychain could not …"; `secrets` are cut from causes. */
export type KeychainCall = <T>(action: string, run: (k: KeytarLike) => Promise<T>, secrets?: readonly string[]) => Promise<T>;

export function createKeychainCall(load: () => Promise<KeytarLike> = importKeytar): KeychainCall {
  let keytar: Promise<KeytarLike> | undefined;
  return async (action, run, secrets = []) => {
    let k: KeytarLike;
    try {
      keytar ??= load();
      k = await keytar;
    } catch (e) {
      keytar = undefined; // try loading again next time (e.g. after the user installs libsecret)
      throw new ApiError('keychain_unavailable', keychainUnavailableMessage(action, `keytar could not be loaded: ${describeCause(e)}`));
    }
    try {
      return await run(k);
    } catch (e) {
      throw new ApiError('keychain_unavailable', keychainUnavailableMessage(action, describeCause(e, secrets)));
    }
  };
}
