// The saved profiles' signing keys as the renderer knows them: public summaries only (main keeps the
// private halves in the keychain). The key panel acts through it, and the form's pre-flight reads the
// key's algorithm from it.
import { create } from 'zustand';
import type { SigningAlg, SigningKeySummary } from '../../../shared/signing-key';
import { getApi } from '../../api';

interface Entry {
  /** undefined: not loaded yet. */
  key?: SigningKeySummary | null;
  error?: string;
}

interface SigningKeyState {
  byProfile: Record<string, Entry>;
  busy: boolean;
  load(profileId: string): Promise<void>;
  /** The pasted text goes to main once; true when it was kept. */
  save(profileId: string, input: { privateKey: string; alg: SigningAlg | ''; kid: string }): Promise<boolean>;
  generate(profileId: string, input: { alg: SigningAlg; kid: string }): Promise<boolean>;
  remove(profileId: string): Promise<boolean>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const useSigningKeyStore = create<SigningKeyState>((set) => {
  /** Runs one call; its answer (or its error) becomes the profile's entry. */
  const run = async (profileId: string, call: () => Promise<{ key: SigningKeySummary | null }>, keepKeyOnError: boolean): Promise<boolean> => {
    set({ busy: true });
    try {
      const { key } = await call();
      set((s) => ({ byProfile: { ...s.byProfile, [profileId]: { key } } }));
      return true;
    } catch (err) {
      set((s) => ({ byProfile: { ...s.byProfile, [profileId]: { ...(keepKeyOnError ? s.byProfile[profileId] : {}), error: message(err) } } }));
      return false;
    } finally {
      set({ busy: false });
    }
  };
  return {
    byProfile: {},
    busy: false,
    load: async (profileId) => void (await run(profileId, () => getApi().getSigningKey({ profileId }), false)),
    save: (profileId, input) => run(profileId, () => getApi().setSigningKey({ profileId, ...input }), true),
    generate: (profileId, input) => run(profileId, () => getApi().generateSigningKey({ profileId, ...input }), true),
    remove: (profileId) => run(profileId, () => getApi().clearSigningKey({ profileId }), true),
  };
});

/** The current profile's signing key algorithm, for the pre-flight warnings. */
export function useSigningKeyAlg(profileId: string | null): string | undefined {
  return useSigningKeyStore((s) => (profileId ? (s.byProfile[profileId]?.key?.alg ?? undefined) : undefined));
}
