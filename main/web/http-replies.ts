// Small helpers for answers: every response carries the same security headers, and every API
// failure is an `ApiResult` envelope the renderer's bridge can show as it is.
import type { ServerResponse } from 'node:http';
import { buildContentSecurityPolicy } from '../../shared/csp';
import type { ApiResult } from '../../shared/contract';
import type { ApiErrorCode } from '../../shared/errors';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': buildContentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // Other sites may neither embed our files nor keep a handle on our window.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

export function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...extraHeaders });
  res.end(text);
}

export function sendApiError(res: ServerResponse, status: number, code: ApiErrorCode, message: string, extraHeaders?: Record<string, string>): void {
  sendJson(res, status, { ok: false, error: { code, message } }, extraHeaders);
}

export function sendText(res: ServerResponse, status: number, message: string, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extraHeaders });
  res.end(`${message}\n`);
}
