// The form's state: the settings being edited, and which saved profile (and revision) they came from,
// so "unsaved changes" is derived rather than tracked by hand.
import { create } from 'zustand';
import type { FlowSettings } from '../../shared/settings';
import { defaultFlowSettings } from '../build-constants';

export interface FormOrigin {
  profileId: string;
  revision: number;
  /** The settings as last loaded or saved: what "unsaved changes" compares against. */
  saved: FlowSettings;
}

interface FormState {
  settings: FlowSettings;
  origin: FormOrigin | null;
  setField<K extends keyof FlowSettings>(field: K, value: FlowSettings[K]): void;
  /** Load a profile (or, with origin null, start from scratch with these settings). */
  load(settings: FlowSettings, origin: FormOrigin | null): void;
  /** After a successful save: the current settings are now the saved ones. */
  markSaved(profileId: string, revision: number, saved: FlowSettings): void;
}

export const useFormStore = create<FormState>((set) => ({
  settings: defaultFlowSettings(),
  origin: null,
  setField: (field, value) => set((s) => ({ settings: { ...s.settings, [field]: value } })),
  load: (settings, origin) => set({ settings: structuredClone(settings), origin: origin ? { ...origin, saved: structuredClone(origin.saved) } : null }),
  markSaved: (profileId, revision, saved) => set({ origin: { profileId, revision, saved: structuredClone(saved) } }),
}));

export function hasUnsavedChanges(state: Pick<FormState, 'settings' | 'origin'>): boolean {
  if (!state.origin) return false;
  return JSON.stringify(state.settings) !== JSON.stringify(state.origin.saved);
}
