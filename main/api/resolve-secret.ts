// Where a request's client secret comes from, for flows and token actions alike: none, typed for
// this request, or stored in the keychain for the profile (read here, in main, only).
// `destination` is the URL the secret is about to be sent to (token, refresh, revocation or
// introspection endpoint): the one place to check that a stored secret may go there.
import type { ClientSecretChoice } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { tokenEndpointUrl } from '../../shared/mtls';
import { parPushUrl } from '../../shared/par-jar';
import type { FlowSettings } from '../../shared/settings';
import type { SecretGuard } from '../store/secret-guard';

export type SecretResolver = (choice: ClientSecretChoice, profileId: string | null, destination: string) => Promise<string | null>;

export function createSecretResolver(guard: SecretGuard): SecretResolver {
  return async (choice, profileId, destination) => {
    switch (choice.source) {
      case 'none':
        return null;
      case 'once':
        return choice.value;
      case 'stored': {
        if (!profileId) throw new ApiError('invalid_input', 'A stored client secret needs a saved profile: save the profile first, or enter the secret for this flow only.');
        // Held to the origins the secret was saved for (secret-guard.ts): a caller cannot point it elsewhere.
        return guard.secretFor(profileId, destination);
      }
    }
  };
}

/**
 * The secret of a flow (or a probe's flows): checked for the token endpoint and, with Use PAR, for the
 * PAR endpoint too, since the push carries it as well (a stored secret must pass both bindings).
 */
export async function resolveFlowSecret(resolve: SecretResolver, choice: ClientSecretChoice, profileId: string | null, settings: FlowSettings): Promise<string | null> {
  const secret = await resolve(choice, profileId, tokenEndpointUrl(settings));
  const pushTo = parPushUrl(settings);
  if (secret !== null && pushTo !== null) await resolve(choice, profileId, pushTo);
  return secret;
}
