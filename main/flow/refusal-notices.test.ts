import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../shared/contract';
import { REFUSAL_WINDOW_MS, RefusalNotices } from './refusal-notices';

let notices: Notice[];
let refusals: RefusalNotices;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T10:00:00.000Z') });
  notices = [];
  refusals = new RefusalNotices((n) => notices.push(n), () => new Date());
});
afterEach(() => {
  refusals.dispose();
  vi.useRealTimers();
});

const messages = () => notices.map((n) => n.message);

describe('RefusalNotices', () => {
  it('tells the first refusal at once, with its reason and where it came from', () => {
    refusals.refused('unknown-state', 'loopback', 'No flow is waiting for state abc.');
    expect(notices).toEqual([{ level: 'warning', message: 'A redirect (loopback listener) was refused: No flow is waiting for state abc.', at: '2026-01-01T10:00:00.000Z' }]);
  });

  it('merges a flood into one notice a minute', () => {
    for (let i = 0; i < 500; i++) refusals.refused('unknown-state', 'deep-link', `No flow is waiting for state s${i}.`);
    expect(notices).toHaveLength(1);
    vi.advanceTimersByTime(REFUSAL_WINDOW_MS);
    expect(messages()[1]).toBe('499 redirects with an unknown state refused in the last minute; no token request was made for any of them.');

    // Still coming: counted again, one notice for the next minute.
    for (let i = 0; i < 3; i++) refusals.refused('unknown-state', 'loopback', 'No flow is waiting.');
    vi.advanceTimersByTime(REFUSAL_WINDOW_MS - 1);
    expect(notices).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(messages()[2]).toBe('3 redirects with an unknown state refused in the last minute; no token request was made for any of them.');
  });

  it('says nothing more when the first was alone, and tells the next one in full after a quiet minute', () => {
    refusals.refused('reused-state', 'loopback', 'Replay.');
    vi.advanceTimersByTime(REFUSAL_WINDOW_MS * 3);
    expect(notices).toHaveLength(1);
    refusals.refused('reused-state', 'embedded', 'Replay again.');
    expect(messages()[1]).toBe('A redirect (embedded window) was refused: Replay again.');
  });

  it('counts one late refusal in the singular', () => {
    refusals.refused('wrong-callback', 'loopback', 'Elsewhere.');
    refusals.refused('wrong-callback', 'loopback', 'Elsewhere.');
    vi.advanceTimersByTime(REFUSAL_WINDOW_MS);
    expect(messages()[1]).toBe('1 redirect to another callback address than its flow’s refused in the last minute; no token request was made for it.');
  });

  it('keeps the kinds apart, so each is still told once', () => {
    refusals.refused('unknown-state', 'loopback', 'Unknown.');
    refusals.refused('reused-state', 'loopback', 'Reused.');
    refusals.refused('unknown-state', 'loopback', 'Unknown.');
    expect(messages()).toEqual(['A redirect (loopback listener) was refused: Unknown.', 'A redirect (loopback listener) was refused: Reused.']);
    vi.advanceTimersByTime(REFUSAL_WINDOW_MS);
    expect(messages()[2]).toMatch(/^1 redirect with an unknown state refused/);
    expect(notices).toHaveLength(3);
  });

  it('is silent for a pasted URL: the paste itself gets the reason', () => {
    refusals.refused('unknown-state', 'manual', 'No flow is waiting.');
    expect(notices).toEqual([]);
  });

  it('drops pending counts when disposed', () => {
    refusals.refused('unknown-state', 'loopback', 'x');
    refusals.refused('unknown-state', 'loopback', 'x');
    refusals.dispose();
    vi.advanceTimersByTime(REFUSAL_WINDOW_MS * 2);
    expect(notices).toHaveLength(1);
  });
});
