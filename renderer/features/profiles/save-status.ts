// What the profile's status line says and whether Save can do anything. Never "Saved" while a typed
// client secret would be lost: with a keychain Save stores it; without one it cannot be kept, and the
// line says so.

export interface SaveStatusInput {
  settingsDirty: boolean;
  /** A client secret typed in the form and not in the keychain. */
  secretTyped: boolean;
  keychainAvailable: boolean;
}

export interface SaveStatus {
  label: string;
  /** Something Save would keep. */
  canSave: boolean;
  /** The line is a warning (work would be lost). */
  unsaved: boolean;
}

export function saveStatus({ settingsDirty, secretTyped, keychainAvailable }: SaveStatusInput): SaveStatus {
  if (settingsDirty) return { label: 'Unsaved changes', canSave: true, unsaved: true };
  if (secretTyped && keychainAvailable) return { label: 'Unsaved changes (client secret)', canSave: true, unsaved: true };
  if (secretTyped) return { label: 'Client secret not kept (no keychain)', canSave: false, unsaved: true };
  return { label: 'Saved', canSave: false, unsaved: false };
}
