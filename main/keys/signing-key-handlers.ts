// The contract's signing-key methods: show, add (pasted), generate and remove a saved profile's
// signing key. The private key arrives once (setSigningKey) and goes straight to the keychain; every
// answer is the public summary (shared/signing-key.ts).
import type { ApiHandlers } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { ProfileStore } from '../store/profile-store';
import type { KeyStore } from './key-store';
import { signingKeyOrigins } from './signing-key-binding';
import { generateSigningKey, importSigningKey, loadStoredSigningKey, serializeSigningKey, SigningKeyError, summarize, type StoredSigningKey } from './signing-key';

export type SigningKeyMethod = 'getSigningKey' | 'setSigningKey' | 'generateSigningKey' | 'clearSigningKey';

export interface SigningKeyHandlerDeps {
  profiles: ProfileStore;
  keys: KeyStore;
  now?: () => Date;
}

export function createSigningKeyHandlers({ profiles, keys, now = () => new Date() }: SigningKeyHandlerDeps): Pick<ApiHandlers, SigningKeyMethod> {
  /** The key is bound to the profile as saved (not_found for a profile that does not exist). */
  const savedOrigins = async (profileId: string) => signingKeyOrigins((await profiles.get(profileId)).settings);

  const keep = async (profileId: string, key: StoredSigningKey) => {
    await keys.set(profileId, 'signing-key', serializeSigningKey(key));
    return { key: await summarize(key) };
  };

  return {
    async getSigningKey({ profileId }) {
      await profiles.get(profileId);
      const key = await loadStoredSigningKey(keys, profileId);
      return { key: key ? await summarize(key) : null };
    },
    async setSigningKey({ profileId, privateKey, alg, kid }) {
      const origins = await savedOrigins(profileId);
      let key: StoredSigningKey;
      try {
        key = await importSigningKey({ privateKey, alg, kid }, origins, now());
      } catch (err) {
        if (err instanceof SigningKeyError) throw new ApiError('invalid_input', err.message, [{ field: 'privateKey', message: err.message }]);
        throw err;
      }
      return keep(profileId, key);
    },
    async generateSigningKey({ profileId, alg, kid }) {
      return keep(profileId, await generateSigningKey(alg, kid, await savedOrigins(profileId), now()));
    },
    async clearSigningKey({ profileId }) {
      await keys.delete(profileId, 'signing-key');
      return { key: null };
    },
  };
}
