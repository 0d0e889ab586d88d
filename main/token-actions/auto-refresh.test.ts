import { describe, expect, it } from 'vitest';
import { MIN_AUTO_REFRESH_DELAY_MS, planAutoRefresh } from './auto-refresh';

const received = '2026-01-01T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(received) + ms);

describe('planAutoRefresh', () => {
  it('fires the given seconds before expiry', () => {
    expect(planAutoRefresh({ receivedAt: received, raw: {}, refreshToken: 'r', expiresIn: 3600 }, 60, at(0))).toEqual({ at: at(3_540_000) });
  });

  it('refreshes a token living less than that at half its lifetime, and says so', () => {
    expect(planAutoRefresh({ receivedAt: received, raw: {}, refreshToken: 'r', expiresIn: 30 }, 60, at(0))).toEqual({ at: at(15_000), note: expect.stringContaining('half its lifetime') });
  });

  it('never fires at once, nor for a token without a refresh token or a lifetime', () => {
    expect(planAutoRefresh({ receivedAt: received, raw: {}, refreshToken: 'r', expiresIn: 100 }, 60, at(90_000))).toEqual({ at: at(90_000 + MIN_AUTO_REFRESH_DELAY_MS) });
    expect(planAutoRefresh({ receivedAt: received, raw: {}, expiresIn: 100 }, 60, at(0))).toBeNull();
    expect(planAutoRefresh({ receivedAt: received, raw: {}, refreshToken: 'r' }, 60, at(0))).toBeNull();
  });
});
