// Decoding a JWT for display, without verifying it: an inspector shows what it was given, and says
// clearly why something is not a decodable JWT rather than failing.
import { decodeJwt, decodeProtectedHeader } from 'jose';

export const TIME_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time'] as const;

export type DecodedJwt =
  | {
      ok: true;
      header: Record<string, unknown>;
      payload: Record<string, unknown>;
      signature: string;
      /** ISO dates for exp, iat, nbf and auth_time when they are numbers. */
      times: Partial<Record<(typeof TIME_CLAIMS)[number], string>>;
      expired: boolean;
    }
  | { ok: false; reason: string };

export function decodeJwtForDisplay(token: string, now: Date = new Date()): DecodedJwt {
  const trimmed = token.trim();
  if (trimmed === '') return { ok: false, reason: 'Empty token.' };
  const parts = trimmed.split('.');
  if (parts.length === 5) return { ok: false, reason: 'An encrypted JWT (JWE, 5 parts): it cannot be read without the decryption key.' };
  if (parts.length !== 3) return { ok: false, reason: `Not a JWT: it has ${parts.length} part${parts.length === 1 ? '' : 's'} where a JWS has 3 (an opaque token, perhaps).` };
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(trimmed) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: `The header is not base64url-encoded JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    payload = decodeJwt(trimmed) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: `The payload is not a base64url-encoded JSON object: ${err instanceof Error ? err.message : String(err)}` };
  }
  const times: Partial<Record<(typeof TIME_CLAIMS)[number], string>> = {};
  for (const claim of TIME_CLAIMS) {
    const value = payload[claim];
    if (typeof value === 'number' && Number.isFinite(value)) {
      const date = new Date(value * 1000);
      if (!Number.isNaN(date.getTime())) times[claim] = date.toISOString();
    }
  }
  const exp = payload.exp;
  const expired = typeof exp === 'number' && exp * 1000 <= now.getTime();
  return { ok: true, header, payload, signature: parts[2] ?? '', times, expired };
}
