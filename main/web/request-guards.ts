// The checks every browser-mode request passes before anything else runs. The server only listens
// on 127.0.0.1, but any web page the user visits can still send requests there, so:
//  - Host must name the loopback address and our port: a DNS-rebinding page has its own host name;
//  - Origin, when the browser sends one, must be our own: other pages cannot call the API;
//  - every API request carries the per-start token, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LOOPBACK_HOST_NAMES = ['127.0.0.1', 'localhost'] as const;

export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && LOOPBACK_HOST_NAMES.some((name) => hostHeader.toLowerCase() === `${name}:${port}`);
}

/** No Origin is fine (a plain navigation or a non-browser client); a present one must be ours. */
export function isAllowedOrigin(originHeader: string | undefined, hostHeader: string): boolean {
  return originHeader === undefined || originHeader.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}

export type TokenCheck = 'ok' | 'missing' | 'wrong';

export function checkBearerToken(req: IncomingMessage, expected: string): TokenCheck {
  const header = req.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header) : null;
  if (!match?.[1]) return 'missing';
  return constantTimeEqual(match[1], expected) ? 'ok' : 'wrong';
}

/** Hashing first gives equal-length inputs, so neither the content nor the length leaks through timing. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && header.split(';')[0]!.trim().toLowerCase() === 'application/json';
}
