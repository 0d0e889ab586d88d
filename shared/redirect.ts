// The redirect back from the authorization server (RFC 6749 4.1.2 and 4.1.2.1, RFC 9207 `iss`).
// Only a URL that matches the callback exactly and carries `code` or `error` ends a flow: the
// intermediate pages of a multi-hop login must never be mistaken for the callback. A redirect that
// breaks RFC 6749 3.1 (a parameter twice) or 4.1.2 (`code` and `error` together) is `malformed`:
// it still ends its flow, as a failure, and its code is never exchanged.

export interface ParsedRedirect {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
  errorUri?: string;
  iss?: string;
  /** Where the response parameters were found. */
  source: 'query' | 'fragment' | 'none';
  /** Each parameter's first value (a repeated one also makes the redirect `malformed`). */
  params: Record<string, string>;
  /** Why the redirect breaks RFC 6749, in words; undefined when it does not. */
  malformed?: string;
}

function firstValues(search: URLSearchParams): { params: Record<string, string>; repeated: string[] } {
  // A Map, not `key in {}`: parameter names such as `constructor` or `__proto__` are just names here.
  const first = new Map<string, string>();
  const repeated = new Set<string>();
  for (const [key, value] of search) {
    if (first.has(key)) repeated.add(key);
    else first.set(key, value);
  }
  return { params: Object.fromEntries(first), repeated: [...repeated] };
}

export function parseRedirect(rawUrl: string): ParsedRedirect {
  const url = new URL(rawUrl);
  const fromQuery = firstValues(url.searchParams);
  const fromFragment = firstValues(new URLSearchParams(url.hash.length > 1 ? url.hash.slice(1) : ''));
  const carries = (p: Record<string, string>) => Object.hasOwn(p, 'code') || Object.hasOwn(p, 'error');
  const source = carries(fromQuery.params) ? 'query' : carries(fromFragment.params) ? 'fragment' : 'none';
  const { params, repeated } = source === 'fragment' ? fromFragment : fromQuery;
  const pick = (key: string) => (Object.hasOwn(params, key) ? params[key] : undefined);
  const parsed: ParsedRedirect = { source, params };
  const fields: [keyof ParsedRedirect, string][] = [
    ['code', 'code'], ['state', 'state'], ['error', 'error'], ['errorDescription', 'error_description'], ['errorUri', 'error_uri'], ['iss', 'iss'],
  ];
  for (const [field, key] of fields) {
    const value = pick(key);
    if (value !== undefined) (parsed as unknown as Record<string, string>)[field] = value;
  }
  const problems = [
    repeated.length > 0 ? `${repeated.join(', ')} appear${repeated.length === 1 ? 's' : ''} more than once (RFC 6749 3.1 allows each parameter once)` : '',
    Object.hasOwn(params, 'code') && Object.hasOwn(params, 'error') ? 'it carries both code and error (RFC 6749 4.1.2: a response is one or the other)' : '',
  ].filter(Boolean);
  if (source !== 'none' && problems.length > 0) parsed.malformed = problems.join('; and ');
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
  // Byte by byte, without a string or regex per byte: every redirect passes through here.
  for (let i = 0; i < source.length; i++) {
    const byte = source[i]!;
    const high = byte === 0x25 && i + 2 < source.length ? hexDigit(source[i + 1]!) : -1;
    const low = high >= 0 ? hexDigit(source[i + 2]!) : -1;
    if (low >= 0) {
      decoded[length++] = high * 16 + low;
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

/** The value of an ASCII hex digit's byte, or -1. */
function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
