import { describe, expect, it, vi } from 'vitest';
import { takeBrowserToken, TOKEN_STORAGE_KEY } from './browser-token';

function sources(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  return {
    location: { hash, pathname: '/', search: '?x=1' },
    storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
    history: { state: { keep: true }, replaceState: vi.fn() },
    stored: storage,
  };
}

describe('browser-mode token', () => {
  it('takes the token from the fragment, keeps it for this tab and clears the address bar', () => {
    const s = sources('#token=abc_DEF-123');
    expect(takeBrowserToken(s)).toBe('abc_DEF-123');
    expect(s.stored.get(TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(s.history.replaceState).toHaveBeenCalledWith({ keep: true }, '', '/?x=1');
  });

  it('after a reload (no fragment) uses the stored token and leaves the URL alone', () => {
    const s = sources('', 'stored-token');
    expect(takeBrowserToken(s)).toBe('stored-token');
    expect(s.history.replaceState).not.toHaveBeenCalled();
  });

  it('a new fragment token replaces a stale stored one (the server was restarted)', () => {
    const s = sources('#token=new', 'old');
    expect(takeBrowserToken(s)).toBe('new');
    expect(s.stored.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('is null when the page was opened without the printed URL', () => {
    expect(takeBrowserToken(sources(''))).toBeNull();
    expect(takeBrowserToken(sources('#other=1'))).toBeNull();
  });
});
