// When auto-refresh fires for a token: `secondsBefore` its expiry; a token living less than that is
// refreshed at half its lifetime instead (refreshing at once would refresh again at once, forever).
import type { TokenResult } from '../../shared/flow-types';

export interface AutoRefreshPlan {
  at: Date;
  note?: string;
}

/** Never sooner than this after now: a token already past its refresh time is refreshed shortly. */
export const MIN_AUTO_REFRESH_DELAY_MS = 1_000;

export function planAutoRefresh(tokens: TokenResult, secondsBefore: number, now: Date): AutoRefreshPlan | null {
  if (tokens.refreshToken === undefined || tokens.expiresIn === undefined) return null;
  const received = Date.parse(tokens.receivedAt);
  if (!Number.isFinite(received)) return null;
  const lifetimeMs = tokens.expiresIn * 1000;
  let at: number;
  let note: string | undefined;
  if (tokens.expiresIn > secondsBefore) {
    at = received + lifetimeMs - secondsBefore * 1000;
  } else {
    at = received + lifetimeMs / 2;
    note = `The access token lives ${tokens.expiresIn} s, not more than the ${secondsBefore} s asked: it is refreshed at half its lifetime.`;
  }
  return { at: new Date(Math.max(at, now.getTime() + MIN_AUTO_REFRESH_DELAY_MS)), ...(note ? { note } : {}) };
}
