// The key material a request of this profile needs, read from the keychain in main: one line per
// feature, each in its own module. Called by the API layer before a flow, a probe or a token action.
import type { FlowSettings } from '../../shared/settings';
import { resolveDpopKey } from '../dpop/resolve-dpop-key';
import { loadClientCertificate } from '../mtls/client-certificate';
import type { ClientKeys } from './key-material';
import type { KeyStore } from './key-store';

export async function resolveClientKeys(store: KeyStore, settings: FlowSettings, profileId: string | null): Promise<ClientKeys> {
  const keys: ClientKeys = {};
  if (settings.dpop) keys.dpopKey = (await resolveDpopKey(store, settings, profileId)).key;
  if (settings.useClientCertificate) keys.clientCertificate = await loadClientCertificate(store, profileId);
  return keys;
}
