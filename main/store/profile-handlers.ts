// The contract's profile and client-secret methods, on top of the profile store and the secret
// store: summaries carry `hasSecret` (never the secret), a secret is bound to the saved profile's
// endpoints when stored, deleting a profile deletes its secret (or lists it for a retry at the next
// start, and says so), and an unavailable keychain degrades the profile list instead of breaking it.
import type { ApiHandlers, KeychainStatus } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { Profile, ProfileSummary } from '../../shared/profile-types';
import type { PendingSecretDeletions } from './pending-secret-deletions';
import type { ProfileEntry, ProfileStore } from './profile-store';
import { endpointOrigins } from './secret-endpoints';
import type { KeyStore } from '../keys/key-store';
import type { SecretStore } from './secret-store';

export type ProfileMethod =
  | 'listProfiles'
  | 'getProfile'
  | 'createProfile'
  | 'saveProfile'
  | 'renameProfile'
  | 'duplicateProfile'
  | 'deleteProfile'
  | 'exportProfiles'
  | 'importProfiles'
  | 'setClientSecret'
  | 'clearClientSecret';

export type ProfileHandlers = Pick<ApiHandlers, ProfileMethod>;

export interface ProfileHandlerDeps {
  profiles: ProfileStore;
  secrets: SecretStore;
  pendingDeletions: PendingSecretDeletions;
  /** The profile's key material (signing key, DPoP key, client certificate), deleted with it. */
  keys?: KeyStore;
}

const isKeychainError = (e: unknown): e is ApiError => e instanceof ApiError && e.code === 'keychain_unavailable';

export function createProfileHandlers({ profiles, secrets, pendingDeletions, keys }: ProfileHandlerDeps): ProfileHandlers {
  /** hasSecret for each profile, from one keychain answer; if it cannot answer, false, and the keychain's status says why. */
  async function summarize(entries: ProfileEntry[]): Promise<{ summaries: ProfileSummary[]; keychain?: KeychainStatus }> {
    let withSecret = new Set<string>();
    let keychain: KeychainStatus | undefined;
    if (entries.length > 0) {
      try {
        withSecret = await secrets.withSecret(entries.map((e) => e.id));
      } catch (e) {
        if (!isKeychainError(e)) throw e;
        keychain = { available: false, reason: e.message };
      }
    }
    const summaries = entries.map((entry): ProfileSummary => ({ ...entry, hasSecret: withSecret.has(entry.id) }));
    return keychain ? { summaries, keychain } : { summaries };
  }

  return {
    listProfiles: async () => {
      // Two files, read side by side.
      const [listed, pendingIds] = await Promise.all([profiles.listEntries(), pendingDeletions.list()]);
      const { summaries, keychain } = await summarize(listed.entries);
      const notices = [...listed.notices];
      const pending = pendingIds.length;
      if (pending > 0) {
        const which = pending === 1 ? 'The client secret of a deleted profile' : `The client secrets of ${pending} deleted profiles`;
        notices.push(`${which} could not be removed from the OS keychain yet; the app tries again at the next start.`);
      }
      return keychain ? { profiles: summaries, notices, keychain } : { profiles: summaries, notices };
    },
    getProfile: ({ id }) => profiles.get(id),
    createProfile: (input) => profiles.create(input),
    saveProfile: (input) => profiles.save(input),
    renameProfile: ({ id, name }) => profiles.rename(id, name),
    // A copy does not inherit the secret: it usually becomes another client registration.
    duplicateProfile: ({ id, name }) => profiles.duplicate(id, name),
    deleteProfile: async ({ id }) => {
      await profiles.delete(id);
      try {
        await secrets.delete(id);
        await keys?.deleteAll(id);
        return { deleted: true };
      } catch (e) {
        if (!isKeychainError(e)) throw e;
        // The profile is gone; its secret must not outlive it: listed (by id only) for the next start.
        await pendingDeletions.add(id);
        return {
          deleted: true,
          notice: `The profile was deleted, but its client secret (if it had one) could not be removed from the OS keychain: ${e.message} It will be removed at the next start of the app.`,
        };
      }
    },
    exportProfiles: ({ ids }) => profiles.exportJson(ids),
    // Imported profiles get fresh ids, so none of them has a secret yet.
    importProfiles: async ({ json }) => ({ imported: (await profiles.importJson(json)).map((p) => summaryOf(p, false)) }),
    setClientSecret: async ({ profileId, secret }) => {
      const profile = await profiles.get(profileId); // not_found for a profile that does not exist
      // Bound to the endpoints of the profile AS SAVED: saving the profile with a new Access Token URL
      // and storing the secret again is how a user moves it to a new endpoint.
      const origins = endpointOrigins(profile.settings);
      if (origins.length === 0) {
        throw new ApiError(
          'invalid_input',
          'A client secret is stored only for a profile saved with a complete Access Token URL (http or https, no {placeholders}): it is only ever sent to that endpoint. Fill it in and Save again.',
        );
      }
      await secrets.set(profileId, { secret, origins });
      return { hasSecret: true };
    },
    clearClientSecret: async ({ profileId }) => {
      await secrets.delete(profileId);
      return { hasSecret: false };
    },
  };
}

function summaryOf(p: Profile, hasSecret: boolean): ProfileSummary {
  return { id: p.id, name: p.name, ...(p.presetId !== undefined ? { presetId: p.presetId } : {}), updatedAt: p.updatedAt, revision: p.revision, hasSecret };
}
