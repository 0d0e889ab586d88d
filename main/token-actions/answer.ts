// Reading an endpoint's answer to a token action: a JSON object, an OAuth error in the body (RFC 6749
// 5.2, used by RFC 7009 and RFC 7662 too), or a Bearer challenge in WWW-Authenticate (RFC 6750 3).
import type { FlowError } from '../../shared/errors';
import type { HttpAnswer } from '../flow/token-client';

export function statusLine(answer: Pick<HttpAnswer, 'status' | 'statusText'>): string {
  return answer.statusText ? `HTTP ${answer.status} ${answer.statusText}` : `HTTP ${answer.status}`;
}

export function isSuccess(answer: HttpAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

export function parseJsonObject(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The auth-params of a `Bearer` (or RFC 9449 `DPoP`) challenge, e.g. `Bearer error="invalid_token", error_description="..."`. */
export function parseBearerChallenge(header: string | undefined): Record<string, string> | null {
  if (!header || !/^\s*(bearer|dpop)\b/i.test(header)) return null;
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/([a-zA-Z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    const [, name = '', quoted, bare] = match;
    params[name.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
  }
  return params;
}

/**
 * Why an endpoint refused, as the same FlowError a failed flow shows (and explains); null when the
 * answer is a success. `what` names the endpoint in the message ("The revocation endpoint").
 */
export function refusal(answer: HttpAnswer, what: string): FlowError | null {
  if (answer.truncated) {
    return { kind: 'response_too_large', httpStatus: answer.status, message: `${what} answered more than ${answer.limitBytes.toLocaleString('en')} bytes; reading stopped there.`, raw: answer.body };
  }
  const json = parseJsonObject(answer.body.trim());
  const challenge = parseBearerChallenge(answer.headers['www-authenticate']);
  const code = typeof json?.error === 'string' ? json.error : challenge?.error;
  if (code !== undefined) {
    const description = typeof json?.error_description === 'string' ? json.error_description : challenge?.error_description;
    const error: FlowError = {
      kind: 'oauth_error',
      httpStatus: answer.status,
      message: `${what} refused the request: ${code}${description ? ` (${description})` : ''}.`,
      error: code,
      raw: answer.body || answer.headers['www-authenticate'] || '',
    };
    if (description !== undefined) error.errorDescription = description;
    const uri = typeof json?.error_uri === 'string' ? json.error_uri : challenge?.error_uri;
    if (uri !== undefined) error.errorUri = uri;
    return error;
  }
  if (isSuccess(answer)) return null;
  const location = answer.headers.location;
  return {
    kind: 'http_status',
    httpStatus: answer.status,
    message: `${what} answered ${statusLine(answer)}${location ? ` redirecting to ${location}` : ''}${answer.status === 401 ? ' (not authorized)' : answer.status === 404 ? ' (nothing at that URL)' : ''}.`,
    raw: answer.body,
  };
}
