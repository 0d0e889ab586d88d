// The contract's import methods: previewImport reads the files and writes nothing; applyImport reads
// them again (the same files give the same drafts and keys), creates the chosen drafts as new
// profiles in one all-or-nothing write (fresh ids, unique names), then stores the client secrets
// found in the files in the keychain if the user said yes. Secrets never travel to the renderer.
import type { ApiHandlers } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { ProfileSummary } from '../../shared/profile-types';
import { CURRENT_PROFILE_FILE_VERSION } from '../store/profile-format';
import { endpointOrigins } from '../store/secret-endpoints';
import type { ProfileStore } from '../store/profile-store';
import type { SecretStore } from '../store/secret-store';
import { finishPreview } from './drafts';
import { parseFiles } from './recognise';

export type ImportHandlers = Pick<ApiHandlers, 'previewImport' | 'applyImport'>;

export function createImportHandlers({ profiles, secrets }: { profiles: ProfileStore; secrets: SecretStore }): ImportHandlers {
  return {
    previewImport: async ({ files }) => finishPreview(parseFiles(files)).preview,
    applyImport: async ({ files, keys, storeSecrets }) => {
      const { preview, secrets: found } = finishPreview(parseFiles(files));
      const chosen = keys.map((key) => {
        const draft = preview.drafts.find((d) => d.key === key);
        if (!draft) throw new ApiError('invalid_input', `The files no longer hold the profile "${key}" of the preview: preview them again. Nothing was imported.`);
        return draft;
      });
      // Through the store's own import: one locked write, every field validated, fresh ids.
      const document = { version: CURRENT_PROFILE_FILE_VERSION, profiles: chosen.map((d) => ({ name: d.name, settings: d.settings })) };
      const created = await profiles.importJson(JSON.stringify(document));

      let secretsStored = 0;
      let secretsError: string | undefined;
      const stored = new Set<string>();
      if (storeSecrets) {
        for (const [i, profile] of created.entries()) {
          const secret = found.get(chosen[i]!.key);
          if (secret === undefined) continue;
          try {
            // Bound to the imported profile's endpoints, as Save binds a typed secret (secret-guard.ts).
            await secrets.set(profile.id, { secret, origins: endpointOrigins(profile.settings) });
            stored.add(profile.id);
            secretsStored += 1;
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            secretsError = `${e.message} The profiles were imported; enter their client secrets in the form.`;
            break;
          }
        }
      }
      const imported: ProfileSummary[] = created.map((p) => ({ id: p.id, name: p.name, updatedAt: p.updatedAt, revision: p.revision, hasSecret: stored.has(p.id) }));
      return { imported, secretsStored, ...(secretsError !== undefined ? { secretsError } : {}) };
    },
  };
}
