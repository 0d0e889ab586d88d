// What the user is looking at: the selected flow (its status, tokens and trace), whether secrets in the
// trace are revealed, which result tab is open, and the notices main sent that are not dismissed yet.
import { create } from 'zustand';
import type { Notice } from '../../shared/contract';

export type ResultTab = 'tokens' | 'trace';

export interface ShownNotice extends Notice {
  id: number;
}

interface UiState {
  selectedFlowId: string | null;
  revealSecrets: boolean;
  resultTab: ResultTab;
  notices: ShownNotice[];
  selectFlow(flowId: string | null): void;
  setRevealSecrets(reveal: boolean): void;
  setResultTab(tab: ResultTab): void;
  addNotice(notice: Notice): void;
  dismissNotice(id: number): void;
}

let nextNoticeId = 1;

export const useUiStore = create<UiState>((set) => ({
  selectedFlowId: null,
  revealSecrets: false,
  resultTab: 'tokens',
  notices: [],
  selectFlow: (selectedFlowId) => set({ selectedFlowId }),
  setRevealSecrets: (revealSecrets) => set({ revealSecrets }),
  setResultTab: (resultTab) => set({ resultTab }),
  addNotice: (notice) => set((s) => ({ notices: [...s.notices, { ...notice, id: nextNoticeId++ }] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
