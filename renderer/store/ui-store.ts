// What the user is looking at: the selected flow (its status, tokens and trace), whether secrets in the
// trace are revealed, which result tab is open, and the notices main sent that are not dismissed yet
// (the last MAX_NOTICES, a repeated one shown once with its count).
import { create } from 'zustand';
import type { Notice } from '../../shared/contract';

export type ResultTab = 'tokens' | 'trace';

export interface ShownNotice extends Notice {
  id: number;
  /** How many times this same notice came (shown once, with the count, at its latest time). */
  count: number;
}

/** Older notices beyond this are dropped: main rate-limits what it raises, and the window stays usable whatever arrives. */
export const MAX_NOTICES = 20;

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
  addNotice: (notice) =>
    set((s) => {
      const same = s.notices.find((n) => n.level === notice.level && n.message === notice.message);
      const others = same ? s.notices.filter((n) => n !== same) : s.notices;
      return { notices: [...others, { ...notice, id: nextNoticeId++, count: (same?.count ?? 0) + 1 }].slice(-MAX_NOTICES) };
    }),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
