// The saved profiles as the renderer sees them: summaries (never a secret), which one the form holds,
// and the actions of the sidebar. Every call goes through the contract (`getApi()`); the form's
// settings themselves live in form-store, which this store loads and marks saved. Save is One Save:
// the settings AND a client secret typed in the form (secret-draft-store) go in the same action.
import { create } from 'zustand';
import type { KeychainStatus } from '../../shared/contract';
import { ApiError, type FieldIssue } from '../../shared/errors';
import type { Profile, ProfileSummary } from '../../shared/profile-types';
import type { FlowSettings } from '../../shared/settings';
import { defaultFlowSettings } from '../build-constants';
import { getApi } from '../api';
import { useAppInfoStore } from './app-info-store';
import { hasUnsavedChanges, useFormStore } from './form-store';
import { typedSecretOf, useSecretDraftStore, useTypedSecret } from './secret-draft-store';

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
  /** The last save kept the settings but not the typed client secret, and why. */
  secretProblem: { profileId: string; message: string } | null;

  refresh(): Promise<void>;
  /** Load a saved profile into the form. */
  open(id: string): Promise<void>;
  /**
   * Create a profile from the given settings (blank, a preset, or the form as it is) and open it;
   * `withTypedSecret`: the form's typed client secret is stored with it (the form as it is now).
   */
  create(name: string, settings: FlowSettings, presetId?: string, options?: { withTypedSecret?: boolean }): Promise<Profile | null>;
  /**
   * One Save: the form's settings into the profile they came from (a conflict is reported, never
   * overwritten) and a client secret typed in the form into the keychain. True when both were kept.
   */
  saveCurrent(): Promise<boolean>;
  /** Throw away local edits and load the stored version (the answer to a conflict). */
  reloadCurrent(): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string, name?: string): Promise<void>;
  remove(id: string): Promise<void>;
  importJson(json: string): Promise<ProfileSummary[]>;
  exportJson(ids?: string[]): Promise<{ json: string; fileName: string } | null>;
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

/** Loading a profile replaces the form: a secret typed for what it held before goes with it. */
function loadIntoForm(p: Profile): void {
  useSecretDraftStore.getState().forget();
  useFormStore.getState().load(p.settings, { profileId: p.id, revision: p.revision, saved: p.settings });
}

/** What main found out about the keychain, for the one keychain notice (and the form) to show. */
function noteKeychain(keychain: KeychainStatus): void {
  const { info, setInfo } = useAppInfoStore.getState();
  if (info && info.keychain.available !== keychain.available) setInfo({ ...info, keychain });
}

function secretNotKept(e: ApiError): string {
  if (e.code === 'keychain_unavailable') {
    return 'The client secret was NOT kept: the OS keychain is unavailable. It works in this window until you reload or switch profiles; then enter it again for the next flow.';
  }
  return `The client secret was not stored: ${e.message}`;
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
  /** The secret typed for a saved profile into the keychain; a refusal is told, the typed secret kept. */
  async function storeTypedSecret(profileId: string, secret: string): Promise<boolean> {
    try {
      await getApi().setClientSecret({ profileId, secret });
    } catch (e) {
      if (!(e instanceof ApiError) || e.code === 'not_found') throw e;
      if (e.code === 'keychain_unavailable') noteKeychain({ available: false, reason: e.message });
      set({ secretProblem: { profileId, message: secretNotKept(e) } });
      return false;
    }
    setHasSecret(profileId, true);
    noteKeychain({ available: true });
    const drafts = useSecretDraftStore.getState();
    // Typed on meanwhile? Then that newer text is still unsaved.
    if (typedSecretOf(drafts, profileId) === secret) drafts.forget();
    set({ secretProblem: null });
    return true;
  }

  return {
    profiles: [],
    notices: [],
    loaded: false,
    busy: false,
    error: null,
    conflict: null,
    secretProblem: null,

    refresh: async () => {
      await run(async () => {
        const { profiles, notices, keychain } = await getApi().listProfiles({});
        if (keychain) noteKeychain(keychain);
        set((s) => ({ profiles, notices: [...s.notices, ...notices.filter((n) => !s.notices.includes(n))], loaded: true }));
      });
    },

    open: async (id) => {
      await run(async () => {
        const p = await getApi().getProfile({ id });
        loadIntoForm(p);
        upsert(summaryOf(p, hasSecretOf(id)));
        set({ conflict: null, secretProblem: null });
      });
    },

    create: (name, settings, presetId, options) =>
      run(async () => {
        const typed = options?.withTypedSecret ? typedSecretOf(useSecretDraftStore.getState(), useFormStore.getState().origin?.profileId ?? null) : '';
        const p = await getApi().createProfile(presetId === undefined ? { name, settings } : { name, settings, presetId });
        upsert(summaryOf(p, false));
        loadIntoForm(p);
        set({ conflict: null, secretProblem: null });
        if (typed !== '') {
          useSecretDraftStore.getState().setTyped(p.id, typed);
          await storeTypedSecret(p.id, typed);
        }
        return p;
      }),

    saveCurrent: async () =>
      (await run(async () => {
        const form = useFormStore.getState();
        const { settings, origin, markSaved } = form;
        if (!origin) throw new ApiError('not_found', 'These settings are not a saved profile yet: create a profile to save them.');
        // First the settings: a secret is bound to the endpoint of the profile as saved.
        if (hasUnsavedChanges(form)) {
          try {
            const p = await getApi().saveProfile({ id: origin.profileId, settings, baseRevision: origin.revision });
            markSaved(p.id, p.revision, p.settings);
            upsert(summaryOf(p, hasSecretOf(p.id)));
            set({ conflict: null });
          } catch (e) {
            if (e instanceof ApiError && e.code === 'conflict') {
              set({ conflict: { profileId: origin.profileId, message: e.message } });
              return false;
            }
            throw e;
          }
        }
        const typed = typedSecretOf(useSecretDraftStore.getState(), origin.profileId);
        if (typed !== '') return storeTypedSecret(origin.profileId, typed);
        set({ secretProblem: null });
        return true;
      })) ?? false,

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
        const { notice } = await getApi().deleteProfile({ id });
        set((s) => ({
          profiles: s.profiles.filter((p) => p.id !== id),
          conflict: s.conflict?.profileId === id ? null : s.conflict,
          secretProblem: s.secretProblem?.profileId === id ? null : s.secretProblem,
          notices: notice && !s.notices.includes(notice) ? [...s.notices, notice] : s.notices,
        }));
        const form = useFormStore.getState();
        // The form keeps its settings but no longer belongs to a saved profile (nor does a secret typed for it).
        if (form.origin?.profileId === id) {
          useSecretDraftStore.getState().forget();
          form.load(form.settings, null);
        }
      });
    },

    importJson: async (json) =>
      (await run(async () => {
        const { imported } = await getApi().importProfiles({ json });
        for (const summary of imported) upsert(summary);
        return imported;
      })) ?? [],

    exportJson: (ids) => run(() => getApi().exportProfiles(ids === undefined ? {} : { ids })),

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

/** The client secret typed in the form for the profile it holds and not stored yet ('' if none). */
export function useUnsavedSecret(): string {
  return useTypedSecret(useCurrentProfileId());
}

/** Whether leaving the form would lose a typed client secret that is not in the keychain. */
export function typedSecretWouldBeLost(): boolean {
  return typedSecretOf(useSecretDraftStore.getState(), useFormStore.getState().origin?.profileId ?? null) !== '';
}

/**
 * Whether closing or reloading the window would lose work: a typed client secret not stored, or edits
 * to a saved profile. (Settings typed from scratch are not asked about here: they were never saved.)
 */
export function leavingLosesWork(): boolean {
  return typedSecretWouldBeLost() || hasUnsavedChanges(useFormStore.getState());
}

/**
 * Whether replacing the form's settings would lose work: edits to a loaded profile, settings typed
 * from scratch (not a profile yet) that differ from the defaults, or a typed client secret not stored.
 */
export function formHasUnsavedWork(): boolean {
  const form = useFormStore.getState();
  if (typedSecretWouldBeLost()) return true;
  if (form.origin) return hasUnsavedChanges(form);
  return JSON.stringify(form.settings) !== JSON.stringify(defaultFlowSettings());
}
