// The saved profiles as the renderer sees them: summaries (never a secret), which one the form holds,
// and the actions of the sidebar. Every call goes through the contract (`getApi()`); the form's
// settings themselves live in form-store, which this store loads and marks saved.
import { create } from 'zustand';
import { ApiError, type FieldIssue } from '../../shared/errors';
import type { Profile, ProfileSummary } from '../../shared/profile-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { getApi } from '../api';
import { hasUnsavedChanges, useFormStore } from './form-store';

/** A save refused because the profile changed elsewhere (another window, the other runtime). */
export interface SaveConflict {
  profileId: string;
  message: string;
}

/** A failed action, for the sidebar to show; `fields` lists import problems field by field. */
export interface ProfilesError {
  message: string;
  fields?: FieldIssue[];
}

interface ProfilesState {
  profiles: ProfileSummary[];
  /** Told once by main on load, e.g. "profiles.json was unreadable and was moved aside to ...". */
  notices: string[];
  loaded: boolean;
  busy: boolean;
  error: ProfilesError | null;
  conflict: SaveConflict | null;

  refresh(): Promise<void>;
  /** Load a saved profile into the form. */
  open(id: string): Promise<void>;
  /** Create a profile from the given settings (blank, a preset, or the form as it is) and open it. */
  create(name: string, settings: FlowSettings, presetId?: string): Promise<Profile | null>;
  /** Save the form into the profile it came from; a conflict is reported, never overwritten. */
  saveCurrent(): Promise<Profile | null>;
  /** Throw away local edits and load the stored version (the answer to a conflict). */
  reloadCurrent(): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string, name?: string): Promise<void>;
  remove(id: string): Promise<void>;
  importJson(json: string): Promise<ProfileSummary[]>;
  exportJson(ids?: string[]): Promise<{ json: string; fileName: string } | null>;
  /** Store the client secret in the OS keychain (main only ever holds it). */
  saveSecret(profileId: string, secret: string): Promise<boolean>;
  clearSecret(profileId: string): Promise<boolean>;
  dismissNotice(index: number): void;
  dismissError(): void;
}

function toError(e: unknown): ProfilesError {
  if (e instanceof ApiError) return e.fields ? { message: e.message, fields: e.fields } : { message: e.message };
  return { message: e instanceof Error ? e.message : String(e) };
}

function summaryOf(p: Profile, hasSecret: boolean): ProfileSummary {
  const s: ProfileSummary = { id: p.id, name: p.name, updatedAt: p.updatedAt, revision: p.revision, hasSecret };
  if (p.presetId !== undefined) s.presetId = p.presetId;
  return s;
}

function loadIntoForm(p: Profile): void {
  useFormStore.getState().load(p.settings, { profileId: p.id, revision: p.revision, saved: p.settings });
}

export const useProfilesStore = create<ProfilesState>((set, get) => {
  /** Runs an action with `busy` set and failures turned into `error`; returns null on failure. */
  async function run<T>(action: () => Promise<T>): Promise<T | null> {
    set({ busy: true, error: null });
    try {
      return await action();
    } catch (e) {
      set({ error: toError(e) });
      if (e instanceof ApiError && e.code === 'not_found') await forgetDeleted();
      return null;
    } finally {
      set({ busy: false });
    }
  }
  /**
   * A profile deleted elsewhere (another window, the other runtime): take the list from main again,
   * and let the form keep its settings without pointing at a profile that is gone.
   */
  async function forgetDeleted(): Promise<void> {
    try {
      const { profiles } = await getApi().listProfiles({});
      set({ profiles });
      const form = useFormStore.getState();
      if (form.origin && !profiles.some((p) => p.id === form.origin?.profileId)) form.load(form.settings, null);
    } catch {
      // The error already shown says enough; the list is refreshed on the next action.
    }
  }
  const hasSecretOf = (id: string) => get().profiles.find((p) => p.id === id)?.hasSecret ?? false;
  const upsert = (summary: ProfileSummary) =>
    set((s) => {
      const rest = s.profiles.filter((p) => p.id !== summary.id);
      return { profiles: [...rest, summary].sort((a, b) => a.name.localeCompare(b.name)) };
    });
  const setHasSecret = (id: string, hasSecret: boolean) =>
    set((s) => ({ profiles: s.profiles.map((p) => (p.id === id ? { ...p, hasSecret } : p)) }));

  return {
    profiles: [],
    notices: [],
    loaded: false,
    busy: false,
    error: null,
    conflict: null,

    refresh: async () => {
      await run(async () => {
        const { profiles, notices } = await getApi().listProfiles({});
        set((s) => ({ profiles, notices: [...s.notices, ...notices.filter((n) => !s.notices.includes(n))], loaded: true }));
      });
    },

    open: async (id) => {
      await run(async () => {
        const p = await getApi().getProfile({ id });
        loadIntoForm(p);
        upsert(summaryOf(p, hasSecretOf(id)));
        set({ conflict: null });
      });
    },

    create: (name, settings, presetId) =>
      run(async () => {
        const p = await getApi().createProfile(presetId === undefined ? { name, settings } : { name, settings, presetId });
        upsert(summaryOf(p, false));
        loadIntoForm(p);
        set({ conflict: null });
        return p;
      }),

    saveCurrent: () =>
      run(async () => {
        const { settings, origin, markSaved } = useFormStore.getState();
        if (!origin) throw new ApiError('not_found', 'These settings are not a saved profile yet: create a profile to save them.');
        try {
          const p = await getApi().saveProfile({ id: origin.profileId, settings, baseRevision: origin.revision });
          markSaved(p.id, p.revision, p.settings);
          upsert(summaryOf(p, hasSecretOf(p.id)));
          set({ conflict: null });
          return p;
        } catch (e) {
          if (e instanceof ApiError && e.code === 'conflict') {
            set({ conflict: { profileId: origin.profileId, message: e.message } });
            return null;
          }
          throw e;
        }
      }),

    reloadCurrent: async () => {
      const origin = useFormStore.getState().origin;
      if (origin) await get().open(origin.profileId);
    },

    rename: async (id, name) => {
      await run(async () => {
        const p = await getApi().renameProfile({ id, name });
        // The name is not part of the settings: the form's origin (and its revision) stay as they are.
        upsert(summaryOf(p, hasSecretOf(id)));
      });
    },

    duplicate: async (id, name) => {
      await run(async () => {
        const p = await getApi().duplicateProfile(name === undefined ? { id } : { id, name });
        upsert(summaryOf(p, false));
      });
    },

    remove: async (id) => {
      await run(async () => {
        await getApi().deleteProfile({ id });
        set((s) => ({ profiles: s.profiles.filter((p) => p.id !== id), conflict: s.conflict?.profileId === id ? null : s.conflict }));
        const form = useFormStore.getState();
        // The form keeps its settings but no longer belongs to a saved profile.
        if (form.origin?.profileId === id) form.load(form.settings, null);
      });
    },

    importJson: async (json) =>
      (await run(async () => {
        const { imported } = await getApi().importProfiles({ json });
        for (const summary of imported) upsert(summary);
        return imported;
      })) ?? [],

    exportJson: (ids) => run(() => getApi().exportProfiles(ids === undefined ? {} : { ids })),

    saveSecret: async (profileId, secret) =>
      (await run(async () => {
        await getApi().setClientSecret({ profileId, secret });
        setHasSecret(profileId, true);
        return true;
      })) ?? false,

    clearSecret: async (profileId) =>
      (await run(async () => {
        await getApi().clearClientSecret({ profileId });
        setHasSecret(profileId, false);
        return true;
      })) ?? false,

    dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
    dismissError: () => set({ error: null }),
  };
});

/** The id of the profile the form holds, or null for unsaved settings. */
export function useCurrentProfileId(): string | null {
  return useFormStore((s) => s.origin?.profileId ?? null);
}

/** Whether the profile the form holds has a client secret in the keychain (for the Client Secret field). */
export function useCurrentHasSecret(): boolean {
  const id = useCurrentProfileId();
  return useProfilesStore((s) => (id ? (s.profiles.find((p) => p.id === id)?.hasSecret ?? false) : false));
}

/**
 * Whether replacing the form's settings would lose work: edits to a loaded profile, or settings typed
 * from scratch (not a profile yet) that differ from the defaults.
 */
export function formHasUnsavedWork(): boolean {
  const form = useFormStore.getState();
  if (form.origin) return hasUnsavedChanges(form);
  return JSON.stringify(form.settings) !== JSON.stringify(defaultFlowSettings());
}
