// What this runtime can do (Electron or browser mode, supported authorize modes, keychain status),
// asked once at start. The form validates against it, so it never offers what main would refuse.
import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract';

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  setInfo(info: AppInfo): void;
  setError(message: string): void;
}

export const useAppInfoStore = create<AppInfoState>((set) => ({
  info: null,
  error: null,
  setInfo: (info) => set({ info, error: null }),
  setError: (error) => set({ error }),
}));
