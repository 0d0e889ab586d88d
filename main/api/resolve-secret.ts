// Where a request's client secret comes from, for flows and token actions alike: none, typed for
// this request, or stored in the keychain for the profile (read here, in main, only).
// `destination` is the URL the secret is about to be sent to (token, refresh, revocation or
// introspection endpoint): the one place to check that a stored secret may go there.
import type { ClientSecretChoice } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { ProfileStore } from '../store/profile-store';
import type { SecretStore } from '../store/secret-store';

export type SecretResolver = (choice: ClientSecretChoice, profileId: string | null, destination: string) => Promise<string | null>;

export function createSecretResolver(profiles: ProfileStore, secrets: SecretStore): SecretResolver {
  return async (choice, profileId, _destination) => {
    switch (choice.source) {
      case 'none':
        return null;
      case 'once':
        return choice.value;
      case 'stored': {
        if (!profileId) throw new ApiError('invalid_input', 'A stored client secret needs a saved profile: save the profile first, or enter the secret for this flow only.');
        await profiles.get(profileId);
        const secret = await secrets.get(profileId);
        if (secret === null) throw new ApiError('not_found', 'No client secret is stored for this profile. Enter it in Client Secret, or leave it empty for a public client.');
        return secret;
      }
    }
  };
}
