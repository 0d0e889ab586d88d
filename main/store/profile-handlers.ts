// The contract's profile and client-secret methods, on top of the profile store and the secret
// store: summaries carry `hasSecret` (never the secret), deleting a profile deletes its secret, and
// an unavailable keychain degrades the profile list instead of breaking it.
import type { ApiHandlers } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { Profile, ProfileSummary } from '../../shared/profile-types';
import type { ProfileStore } from './profile-store';
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

export function createProfileHandlers({ profiles, secrets }: { profiles: ProfileStore; secrets: SecretStore }): ProfileHandlers {
  /** hasSecret for each profile; if the keychain cannot answer, false plus one notice saying why. */
  async function summarize(list: Profile[]): Promise<{ summaries: ProfileSummary[]; notices: string[] }> {
    const notices: string[] = [];
    const summaries: ProfileSummary[] = [];
    for (const p of list) {
      let hasSecret = false;
      try {
        hasSecret = await secrets.has(p.id);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'keychain_unavailable')) throw e;
        if (notices.length === 0) notices.push(`Stored client secrets cannot be checked: ${e.message}`);
      }
      summaries.push(summaryOf(p, hasSecret));
    }
    return { summaries, notices };
  }

  return {
    listProfiles: async () => {
      const listed = await profiles.list();
      const { summaries, notices } = await summarize(listed.profiles);
      return { profiles: summaries, notices: [...listed.notices, ...notices] };
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
      } catch (e) {
        // The profile is gone either way; a secret the keychain could not delete is harmless without it.
        if (!(e instanceof ApiError && e.code === 'keychain_unavailable')) throw e;
      }
      return { deleted: true };
    },
    exportProfiles: ({ ids }) => profiles.exportJson(ids),
    importProfiles: async ({ json }) => {
      const imported = await profiles.importJson(json);
      return { imported: (await summarize(imported)).summaries };
    },
    setClientSecret: async ({ profileId, secret }) => {
      await profiles.get(profileId); // not_found for a profile that does not exist
      await secrets.set(profileId, secret);
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
