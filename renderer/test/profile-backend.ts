// A small profile backend behind the fake API, for component tests: ids, revisions, conflicts and
// stored secrets as main has them.
import { ApiError } from '../../shared/errors';
import type { Profile, ProfileSummary } from '../../shared/profile-types';
import { defaultFlowSettings, FlowSettingsSchema, type FlowSettings } from '../../shared/settings';
import type { FakeApi } from './fake-api';

/** A small profile backend behind the fake API: ids, revisions and conflicts as main has them. */
export function backend(api: FakeApi, initial: Array<{ name: string; settings?: Partial<FlowSettings>; hasSecret?: boolean }> = []) {
  const profiles = new Map<string, Profile>();
  const secrets = new Set<string>();
  let n = 0;
  const add = (name: string, settings: FlowSettings, presetId?: string): Profile => {
    n += 1;
    const p: Profile = { id: `id-${n}`, name, settings, createdAt: 't', updatedAt: `t${n}`, revision: 0, ...(presetId ? { presetId } : {}) };
    profiles.set(p.id, p);
    return p;
  };
  for (const i of initial) {
    const p = add(i.name, { ...defaultFlowSettings(), ...i.settings });
    if (i.hasSecret) secrets.add(p.id);
  }
  const summary = (p: Profile): ProfileSummary => ({ id: p.id, name: p.name, updatedAt: p.updatedAt, revision: p.revision, hasSecret: secrets.has(p.id) });
  const find = (id: string) => {
    const p = profiles.get(id);
    if (!p) throw new ApiError('not_found', 'gone');
    return p;
  };
  api.listProfiles.mockImplementation(async () => ({ profiles: [...profiles.values()].map(summary), notices: [] }));
  api.getProfile.mockImplementation(async ({ id }) => structuredClone(find(id)));
  api.createProfile.mockImplementation(async ({ name, settings, presetId }) => add(name, FlowSettingsDefaults(settings), presetId));
  api.saveProfile.mockImplementation(async ({ id, settings, baseRevision }) => {
    const p = find(id);
    if (p.revision !== baseRevision) throw new ApiError('conflict', `"${p.name}" was changed elsewhere. Reload it to see the saved version.`);
    const saved = { ...p, settings: FlowSettingsDefaults(settings), revision: p.revision + 1 };
    profiles.set(id, saved);
    return saved;
  });
  api.renameProfile.mockImplementation(async ({ id, name }) => {
    const p = { ...find(id), name };
    profiles.set(id, p);
    return p;
  });
  api.duplicateProfile.mockImplementation(async ({ id }) => add(`${find(id).name} (copy)`, find(id).settings));
  api.deleteProfile.mockImplementation(async ({ id }) => {
    profiles.delete(id);
    secrets.delete(id);
    return { deleted: true };
  });
  api.setClientSecret.mockImplementation(async ({ profileId }) => (secrets.add(profileId), { hasSecret: true }));
  api.clearClientSecret.mockImplementation(async ({ profileId }) => (secrets.delete(profileId), { hasSecret: false }));
  return { profiles, secrets };
}

/** Settings as main stores them: the contract's input with its defaults applied. */
function FlowSettingsDefaults(s: unknown): FlowSettings {
  return FlowSettingsSchema.parse(s ?? {});
}

