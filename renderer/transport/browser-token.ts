// Browser mode's access token: `npm run web` prints a URL with `#token=...`. The fragment never
// reaches a server or its logs; we move it into sessionStorage (this tab only, gone when the tab
// closes) and strip it from the address bar so it is not bookmarked, shared or left in history.
export const TOKEN_STORAGE_KEY = 'pkce-inspector.web-token';

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

/** The token from the URL fragment (which then is removed) or from this tab's storage; null if neither. */
export function takeBrowserToken({ location, storage, history }: TokenSources): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}
