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

/**
 * False when a percent-encoded sequence of the URL decodes to bytes that are not UTF-8 (`%FF`,
 * overlong forms, lone surrogates): URL parsers would turn them into U+FFFD silently, so a code or
 * state would be altered rather than refused. Other characters are UTF-8 by construction, and a
 * `%` not followed by two hex digits stays literal, as in URLSearchParams.
 */
export function isUtf8AfterPercentDecoding(rawUrl: string): boolean {
  const source = new TextEncoder().encode(rawUrl);
  const decoded = new Uint8Array(source.length);
  let length = 0;
  for (let i = 0; i < source.length; i++) {
    const byte = source[i]!;
    const hex = byte === 0x25 && i + 2 < source.length ? String.fromCharCode(source[i + 1]!, source[i + 2]!) : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      decoded[length++] = Number.parseInt(hex, 16);
      i += 2;
    } else {
      decoded[length++] = byte;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(decoded.subarray(0, length));
    return true;
  } catch {
    return false;
  }
}
