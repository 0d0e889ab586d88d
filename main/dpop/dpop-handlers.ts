// The contract's DPoP key methods: the public side of a profile's key for the form (made on first
// use), and Rotate DPoP key. Only public parts leave main: algorithm, public JWK, thumbprint.
import type { ApiHandlers } from '../../shared/contract';
import type { KeyStore } from '../keys/key-store';
import type { ProfileStore } from '../store/profile-store';
import { rotateDpopKey } from './dpop-key';
import { dpopAlgOf, resolveDpopKey } from './resolve-dpop-key';

export type DpopHandlers = Pick<ApiHandlers, 'getDpopKey' | 'rotateDpopKey'>;

export function createDpopHandlers({ keys, profiles }: { keys: KeyStore; profiles: ProfileStore }): DpopHandlers {
  // A key is kept only for a profile that exists (get throws not_found): no orphaned keychain items.
  const existing = async (profileId: string | null) => {
    if (profileId !== null) await profiles.get(profileId);
    return profileId;
  };
  return {
    async getDpopKey({ profileId, settings }) {
      return { key: (await resolveDpopKey(keys, settings, await existing(profileId))).info };
    },
    async rotateDpopKey({ profileId, settings }) {
      return { key: (await rotateDpopKey(keys, await existing(profileId), dpopAlgOf(settings))).info };
    },
  };
}
