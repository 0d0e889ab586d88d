// The key material one request needs, read from the keychain by the API layer (flows, the probe and
// token actions alike): each feature's kind is loaded only when its settings call for it. An unsaved
// profile has no keychain items, so a feature that needs one says so before anything is sent.
import { ApiError } from '../../shared/errors';
import type { FlowSettings } from '../../shared/settings';
import type { ClientKeys } from './key-material';
import type { KeyStore } from './key-store';
import { loadSigningKey } from './signing-key';
import { resolveDpopKey } from '../dpop/resolve-dpop-key';
import { loadClientCertificate } from '../mtls/client-certificate';

export async function resolveClientKeys(store: KeyStore, settings: FlowSettings, profileId: string | null): Promise<ClientKeys> {
  const keys: ClientKeys = {};
  if (settings.clientAuthentication === 'private_key_jwt' || settings.signAuthorizationRequest) {
    const uses = settings.clientAuthentication === 'private_key_jwt' ? 'private_key_jwt' : 'Sign the authorization request';
    if (!profileId) {
      throw new ApiError('invalid_settings', `${uses} signs with the profile's private key, which is kept in the OS keychain with a saved profile: save the profile first (Profiles → New… keeps the form as it is), then add or generate its key.`, [
        { field: 'clientAuthentication', message: 'Needs a saved profile with a signing key.' },
      ]);
    }
    const signingKey = await loadSigningKey(store, profileId);
    if (!signingKey) {
      throw new ApiError('invalid_settings', `${uses} signs with the profile's private key, and this profile has none: paste one or press Generate key (under Client Authentication), and register its public JWK Set at the IdP.`, [
        { field: 'clientAuthentication', message: 'This profile has no signing key yet.' },
      ]);
    }
    keys.signingKey = signingKey;
  }
  if (settings.dpop) keys.dpopKey = (await resolveDpopKey(store, settings, profileId)).key;
  if (settings.useClientCertificate) keys.clientCertificate = await loadClientCertificate(store, profileId);
  return keys;
}
