// The one way main reads a stored client secret to send it: `secretFor(profileId, url)` returns it
// only when `url`'s origin is one the secret is bound to (secret-endpoints.ts). Any other origin is
// refused with `secret_endpoint_changed` unless the user confirms the new endpoint in a main-process
// dialog (Electron); the renderer cannot confirm it, so a script in the page, or a caller holding a
// leaked browser-mode token, cannot send a stored secret anywhere else.
import { ApiError } from '../../shared/errors';
import type { ProfileStore } from './profile-store';
import { endpointOrigins, originOf } from './secret-endpoints';
import type { SecretStore } from './secret-store';

export interface EndpointChange {
  profileName: string;
  /** Where the secret is bound to now (may be empty: saved with no usable endpoint URL). */
  boundOrigins: string[];
  /** The endpoint the secret would now go to, and its origin. */
  url: string;
  origin: string;
}

/** Asks the user, in main (a native dialog), whether the secret may go to a new endpoint; true = yes. */
export type ConfirmEndpointChange = (change: EndpointChange) => Promise<boolean>;

export interface SecretGuard {
  /** Throws unless the profile's stored secret may be sent to `url` (asking the user when it can). */
  assertSecretMayGoTo(profileId: string, url: string): Promise<void>;
  /** The stored secret, once `url` passed the same check. */
  secretFor(profileId: string, url: string): Promise<string>;
}

export interface SecretGuardDeps {
  profiles: ProfileStore;
  secrets: SecretStore;
  /** Absent where no confirmation is possible (browser mode): a new endpoint is then always refused. */
  confirmEndpointChange?: ConfirmEndpointChange;
}

export function createSecretGuard({ profiles, secrets, confirmEndpointChange }: SecretGuardDeps): SecretGuard {
  async function secretFor(profileId: string, url: string): Promise<string> {
    const profile = await profiles.get(profileId);
    const stored = await secrets.get(profileId);
    if (stored === null) throw new ApiError('not_found', 'No client secret is stored for this profile. Enter it in Client Secret, or leave it empty for a public client.');
    const origin = originOf(url);
    if (origin === null) throw new ApiError('invalid_input', 'A client secret is only sent to an http(s) endpoint URL.');

    let bound = stored.origins;
    if (bound === null) {
      // Stored before secrets were bound: bind it now to the profile's SAVED endpoints (never to the
      // URL of the call at hand, which the caller chooses). The saved profile is the only record of
      // where the user meant the secret to go; later flows are then held to it.
      bound = endpointOrigins(profile.settings);
      await secrets.set(profileId, { secret: stored.secret, origins: bound });
    }
    if (bound.includes(origin)) return stored.secret;

    const change: EndpointChange = { profileName: profile.name, boundOrigins: bound, url, origin };
    const confirmed = confirmEndpointChange ? await confirmEndpointChange(change).catch(() => false) : false;
    if (!confirmed) throw new ApiError('secret_endpoint_changed', refusal(change, confirmEndpointChange !== undefined));
    // Confirmed: the new endpoint joins the binding (the others stay, e.g. a revocation endpoint elsewhere).
    await secrets.set(profileId, { secret: stored.secret, origins: [...bound, origin] });
    return stored.secret;
  }

  return {
    assertSecretMayGoTo: async (profileId, url) => {
      await secretFor(profileId, url);
    },
    secretFor,
  };
}

function refusal({ profileName, boundOrigins, origin }: EndpointChange, couldAsk: boolean): string {
  const where = boundOrigins.length > 0 ? boundOrigins.join(', ') : 'no valid endpoint';
  const why = couldAsk ? 'You did not confirm the new endpoint, so the secret was not sent.' : 'It was not sent: a new endpoint can only be confirmed in the desktop app.';
  return (
    `The client secret stored for "${profileName}" was saved for ${where}; this flow would send it to ${origin}. ${why} ` +
    'Enter the secret again in Client Secret to use it for this flow, and Save the profile to keep it for the new Access Token URL.'
  );
}

/**
 * The words of the desktop app's confirmation (the shell shows them in a native dialog, Cancel
 * first and the default): which profile, where its secret was saved for, and where it would go.
 */
export function endpointChangeDialog({ profileName, boundOrigins, origin }: EndpointChange): { title: string; message: string; detail: string } {
  const saved = boundOrigins.length > 0 ? boundOrigins.join(', ') : 'no valid endpoint';
  return {
    title: 'Send the client secret to a new endpoint?',
    message: `Send the client secret of "${profileName}" to ${origin}?`,
    detail:
      `It was saved for ${saved}. Send it only if ${origin} is your identity provider's token endpoint: ` +
      'a page or script that changed the Access Token URL would receive the secret. If you confirm, this endpoint is remembered for the secret.',
  };
}
