// The client secret typed in the form, until it is saved with its profile (One Save) or the form
// moves on: held in this window's memory only, for the profile it was typed for (null: settings that
// are not a profile yet). Also what main said when it refused the stored secret for a flow's endpoint,
// for the Client Secret field to show.
import { create } from 'zustand';

export interface SecretDraft {
  profileId: string | null;
  value: string;
}

/** main refused to send the stored secret (code `secret_endpoint_changed`), with its words why. */
export interface SecretRefusal {
  profileId: string;
  message: string;
}

interface SecretDraftState {
  draft: SecretDraft;
  refusal: SecretRefusal | null;
  setTyped(profileId: string | null, value: string): void;
  /** Forget the typed secret (and any refusal): it was stored, or the form holds another profile now. */
  forget(): void;
  refuse(refusal: SecretRefusal): void;
  clearRefusal(): void;
}

const EMPTY: SecretDraft = { profileId: null, value: '' };

export const useSecretDraftStore = create<SecretDraftState>((set) => ({
  draft: EMPTY,
  refusal: null,
  setTyped: (profileId, value) => set({ draft: { profileId, value } }),
  forget: () => set({ draft: EMPTY, refusal: null }),
  refuse: (refusal) => set({ refusal }),
  clearRefusal: () => set({ refusal: null }),
}));

/** The secret typed for `profileId`, or '' (a secret typed for another profile is not this one's). */
export function typedSecretOf(state: Pick<SecretDraftState, 'draft'>, profileId: string | null): string {
  return state.draft.profileId === profileId ? state.draft.value : '';
}

export function useTypedSecret(profileId: string | null): string {
  return useSecretDraftStore((s) => typedSecretOf(s, profileId));
}
