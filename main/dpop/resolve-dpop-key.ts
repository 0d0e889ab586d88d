// The DPoP key a flow or token action signs with, resolved in main from the profile's settings:
// the algorithm chosen (or from the IdP's metadata), the key kept for the profile (or made now).
import { chooseDpopAlg } from '../../shared/dpop';
import { ApiError } from '../../shared/errors';
import type { FlowSettings } from '../../shared/settings';
import type { KeyStore } from '../keys/key-store';
import { loadDpopKey, type DpopKey } from './dpop-key';

export function dpopAlgOf(settings: Pick<FlowSettings, 'dpopAlg' | 'metadata'>) {
  const choice = chooseDpopAlg(settings);
  if (!choice.ok) throw new ApiError('invalid_settings', choice.reason, [{ field: 'dpopAlg', message: choice.reason }]);
  return choice.alg;
}

export async function resolveDpopKey(store: KeyStore, settings: Pick<FlowSettings, 'dpopAlg' | 'metadata'>, profileId: string | null): Promise<DpopKey> {
  return loadDpopKey(store, profileId, dpopAlgOf(settings));
}
