// The client secret typed into the form for one use (not saved), shared by the form and the token
// actions, which send it again for a refresh, revocation or introspection. It belongs to the profile it
// was typed for: switching profiles forgets it. Never persisted.
import { create } from 'zustand';

interface SecretDraftState {
  profileId: string | null;
  value: string;
  set(draft: { profileId: string | null; value: string }): void;
}

export const useSecretDraftStore = create<SecretDraftState>((set) => ({
  profileId: null,
  value: '',
  set: (draft) => set({ profileId: draft.profileId, value: draft.value }),
}));

/** The secret typed for `profileId`, or '' when it was typed for another profile (or none). */
export function useTypedSecret(profileId: string | null): string {
  return useSecretDraftStore((s) => (s.profileId === profileId ? s.value : ''));
}
