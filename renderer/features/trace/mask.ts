// Masking of the trace's secrets for the screen (screenshares, screenshots): codes, the verifier and
// tokens are hidden until "Reveal secrets". The client secret is not here to mask: main never sends it.
import { REDACTED } from '../../../shared/token-request';

// client_assertion: a credential for its 60 s (a code's peer), masked like one; its decoded claims are not secret and show in clear.
export const SECRET_NAMES: ReadonlySet<string> = new Set(['code', 'code_verifier', 'access_token', 'id_token', 'refresh_token', 'client_secret', 'client_assertion']);

/** With `plain`, the code_challenge IS the verifier, so it is as secret as the verifier (and so is a request object carrying it). */
export function secretNamesFor(method: 'S256' | 'plain'): ReadonlySet<string> {
  return method === 'plain' ? new Set([...SECRET_NAMES, 'code_challenge', 'request']) : SECRET_NAMES;
}

export function maskValue(value: string): string {
  if (value === REDACTED) return value;
  return `•••••• (${value.length} chars)`;
}

export function shownValue(name: string, value: string, reveal: boolean, secrets: ReadonlySet<string> = SECRET_NAMES): string {
  return !reveal && secrets.has(name) ? maskValue(value) : value;
}

export function shownParams(params: Iterable<[string, string]>, reveal: boolean, secrets: ReadonlySet<string> = SECRET_NAMES): [string, string][] {
  return [...params].map(([k, v]) => [k, shownValue(k, v, reveal, secrets)]);
}

/** A URL with secret query (and fragment) parameter values masked; everything else exactly as it was. */
export function shownUrl(url: string, reveal: boolean, secrets: ReadonlySet<string> = SECRET_NAMES): string {
  if (reveal) return url;
  return url.replace(/([?&#])([^=&#]+)=([^&#]*)/g, (whole, sep: string, name: string, value: string) => {
    let decodedName: string;
    let decodedValue: string;
    try {
      decodedName = decodeURIComponent(name.replace(/\+/g, ' '));
      decodedValue = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return whole;
    }
    return secrets.has(decodedName) ? `${sep}${name}=${maskValue(decodedValue)}` : whole;
  });
}

/** A response body pretty-printed, with token fields masked when it is a JSON object. */
export function shownBody(body: string, reveal: boolean): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return JSON.stringify(parsed, null, 2);
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) shown[k] = typeof v === 'string' ? shownValue(k, v, reveal) : v;
  return JSON.stringify(shown, null, 2);
}
