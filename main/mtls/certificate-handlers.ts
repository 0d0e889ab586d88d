// The contract's client-certificate methods (mutual TLS): the certificate and key arrive once, are
// checked and kept in the keychain with a saved profile; only the public summary goes back.
import type { ApiHandlers } from '../../shared/contract';
import type { KeyStore } from '../keys/key-store';
import type { ProfileStore } from '../store/profile-store';
import { checkClientCertificate, readClientCertificate, removeClientCertificate, saveClientCertificate } from './client-certificate';

export type CertificateHandlers = Pick<ApiHandlers, 'setClientCertificate' | 'clearClientCertificate' | 'getClientCertificate'>;

export function createCertificateHandlers({ profiles, keys }: { profiles: ProfileStore; keys: KeyStore }): CertificateHandlers {
  return {
    async setClientCertificate({ profileId, certificate }) {
      await profiles.get(profileId); // not_found for a profile that is gone: nothing is stored for it
      const checked = checkClientCertificate(certificate);
      await saveClientCertificate(keys, profileId, checked);
      return { certificate: checked.summary };
    },
    async clearClientCertificate({ profileId }) {
      await removeClientCertificate(keys, profileId);
      return { certificate: null };
    },
    async getClientCertificate({ profileId }) {
      const checked = await readClientCertificate(keys, profileId);
      return { certificate: checked?.summary ?? null };
    },
  };
}
