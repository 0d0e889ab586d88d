// The key material a request needs, read from the keychain in main by the API layer (flows, the
// probe, token actions): each feature's kind, only when its setting is on.
import type { FlowSettings } from '../../shared/settings';
import { loadClientCertificate } from '../mtls/client-certificate';
import type { ClientKeys } from './key-material';
import type { KeyStore } from './key-store';

export async function resolveClientKeys(store: KeyStore, settings: FlowSettings, profileId: string | null): Promise<ClientKeys> {
  const keys: ClientKeys = {};
  if (settings.useClientCertificate) keys.clientCertificate = await loadClientCertificate(store, profileId);
  return keys;
}
