// The redirect back from the authorization server (RFC 6749 4.1.2 and 4.1.2.1, RFC 9207 `iss`).
// Only a URL that matches the callback exactly and carries `code` or `error` ends a flow: the
// intermediate pages of a multi-hop login must never be mistaken for the callback.

export interface ParsedRedirect {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
  errorUri?: string;
  iss?: string;
  /** Where the response parameters were found. */
  source: 'query' | 'fragment' | 'none';
  params: Record<string, string>;
}

export function parseRedirect(rawUrl: string): ParsedRedirect {
  const url = new URL(rawUrl);
  const fromQuery = Object.fromEntries(url.searchParams.entries());
  const fromFragment = url.hash.length > 1 ? Object.fromEntries(new URLSearchParams(url.hash.slice(1)).entries()) : {};
  const carries = (p: Record<string, string>) => 'code' in p || 'error' in p;
  const source = carries(fromQuery) ? 'query' : carries(fromFragment) ? 'fragment' : 'none';
  const params = source === 'fragment' ? fromFragment : fromQuery;
  const pick = (key: string) => (key in params ? params[key] : undefined);
  const parsed: ParsedRedirect = { source, params };
  const fields: [keyof ParsedRedirect, string][] = [
    ['code', 'code'], ['state', 'state'], ['error', 'error'], ['errorDescription', 'error_description'], ['errorUri', 'error_uri'], ['iss', 'iss'],
  ];
  for (const [field, key] of fields) {
    const value = pick(key);
    if (value !== undefined) (parsed as unknown as Record<string, string>)[field] = value;
  }
  return parsed;
}

/** Scheme, host, port and path equal (query and fragment ignored); default ports normalised by URL. */
export function sameCallbackTarget(candidate: string, callback: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(candidate);
    b = new URL(callback);
  } catch {
    return false;
  }
  return a.protocol === b.protocol && a.username === b.username && a.password === b.password && a.host.toLowerCase() === b.host.toLowerCase() && normalisePath(a) === normalisePath(b);
}

// `https://localhost` and `https://localhost/` are the same URL; other paths match exactly.
function normalisePath(url: URL): string {
  return url.pathname === '' ? '/' : url.pathname;
}

/** True only for the exact callback carrying a `code` or an `error`: the one URL that ends a flow. */
export function isFinalCallback(candidate: string, callback: string): boolean {
  if (!sameCallbackTarget(candidate, callback)) return false;
  try {
    return parseRedirect(candidate).source !== 'none';
  } catch {
    return false;
  }
}
