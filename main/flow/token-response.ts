// What the token endpoint's answer means (RFC 6749 5.1 and 5.2): tokens, an OAuth error, or one of
// the ways a misconfigured endpoint answers (an HTML error page, an empty body, JSON without an
// access_token). Lenient on purpose: JSON is parsed whatever the content type says, and an `error`
// member is reported even on a 200, because an inspector must show what the IdP actually did. What
// the leniency let through is flagged, never coerced: a JSON body under another Content-Type, a
// missing token_type, an expires_in that is not a non-negative number each add a warning, and the
// value stays as received in `raw` (expiresIn is set only when it is a usable number of seconds).
import type { FlowError } from '../../shared/errors';
import type { TokenResult } from '../../shared/flow-types';
import type { HttpAnswer } from './token-client';

/** `warnings`: what in a usable answer breaks RFC 6749 5.1, in words for the trace. */
export type TokenOutcome = { ok: true; tokens: TokenResult; warnings: string[] } | { ok: false; error: FlowError };

const OAUTH_ERROR_HINTS: Record<string, string> = {
  invalid_grant:
    'The code was refused. Usual causes: the code_verifier does not match the code_challenge sent with the authorization request, the code was already used or has expired, or the redirect_uri differs from the one in the authorization request.',
  invalid_client:
    'The client could not be authenticated. Check the Client ID and Client Secret, and whether the IdP expects the secret in a Basic header or in the body; a public client must have no secret.',
  unauthorized_client: 'This client is not allowed to use the authorization code grant; check its registration at the IdP.',
  unsupported_grant_type: 'The IdP does not accept grant_type=authorization_code for this client.',
  invalid_request: 'The IdP found the request malformed or missing a parameter (e.g. code_verifier or redirect_uri); its description says which.',
  invalid_scope: 'A requested scope is unknown or not allowed for this client.',
};

function statusLine(answer: HttpAnswer): string {
  return answer.statusText ? `HTTP ${answer.status} ${answer.statusText}` : `HTTP ${answer.status}`;
}

function header(answer: HttpAnswer, name: string): string | undefined {
  return answer.headers[name.toLowerCase()];
}

export function interpretTokenResponse(answer: HttpAnswer, receivedAt: string): TokenOutcome {
  const fail = (error: FlowError): TokenOutcome => ({ ok: false, error: { httpStatus: answer.status, ...error } });
  const ok2xx = answer.status >= 200 && answer.status < 300;

  if (answer.truncated) {
    return fail({
      kind: 'response_too_large',
      message: `The token endpoint's answer is larger than ${answer.limitBytes.toLocaleString('en')} bytes; reading stopped there. A token response is small: this is probably not the token endpoint (check the Access Token URL). The beginning is shown below.`,
      raw: answer.body,
    });
  }
  if (answer.status >= 300 && answer.status < 400) {
    const location = header(answer, 'location');
    return fail({
      kind: 'http_status',
      message: `The token endpoint answered ${statusLine(answer)}${location ? ` redirecting to ${location}` : ''}. A token endpoint must answer directly; the Access Token URL is probably wrong (http vs https, a missing path, or a login page).`,
      raw: answer.body,
    });
  }

  const trimmed = answer.body.trim();
  if (trimmed === '') {
    return fail(
      ok2xx
        ? { kind: 'invalid_token_response', message: `The token endpoint answered ${statusLine(answer)} with an empty body; a token response is a JSON object with an access_token.` }
        : { kind: 'http_status', message: `The token endpoint answered ${statusLine(answer)} with an empty body. ${statusAdvice(answer.status)}` },
    );
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    const type = header(answer, 'content-type') ?? 'no content type';
    const looksHtml = /^<(!doctype|html|head|body)/i.test(trimmed) || type.includes('html');
    return fail({
      kind: 'non_json',
      message: [
        `The token endpoint answered ${statusLine(answer)} with ${looksHtml ? 'an HTML page' : 'a body that is not JSON'} (${type}) instead of a JSON token response.`,
        looksHtml ? 'This is usually an error page from the server or a proxy, or the Access Token URL points to a web page.' : '',
        'The body is shown below.',
      ].filter(Boolean).join(' '),
      raw: answer.body,
    });
  }

  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail({ kind: ok2xx ? 'invalid_token_response' : 'http_status', message: `The token endpoint answered ${statusLine(answer)} with JSON that is not an object.`, raw: answer.body });
  }
  const json = parsed as Record<string, unknown>;

  if (typeof json.error === 'string') {
    const description = typeof json.error_description === 'string' ? json.error_description : undefined;
    const errorUri = typeof json.error_uri === 'string' ? json.error_uri : undefined;
    const hint = OAUTH_ERROR_HINTS[json.error];
    const error: FlowError = {
      kind: 'oauth_error',
      message: `The IdP refused the token request: ${json.error}${description ? ` (${description})` : ''}.${hint ? ` ${hint}` : ''}`,
      error: json.error,
      raw: answer.body,
    };
    if (description !== undefined) error.errorDescription = description;
    if (errorUri !== undefined) error.errorUri = errorUri;
    if (hint !== undefined) error.hint = hint;
    return fail(error);
  }
  if (!ok2xx) {
    return fail({ kind: 'http_status', message: `The token endpoint answered ${statusLine(answer)} without an OAuth error code. ${statusAdvice(answer.status)}`, raw: answer.body });
  }
  if (typeof json.access_token !== 'string' || json.access_token === '') {
    return fail({
      kind: 'invalid_token_response',
      message: `The token endpoint answered ${statusLine(answer)} but the JSON has no access_token (members: ${Object.keys(json).join(', ') || 'none'}).`,
      raw: answer.body,
    });
  }
  return { ok: true, tokens: pickTokens(json, receivedAt), warnings: lenienceWarnings(json, header(answer, 'content-type')) };
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const NUMERIC = /^\d+(?:\.\d+)?$/;

function lenienceWarnings(json: Record<string, unknown>, contentType: string | undefined): string[] {
  const warnings: string[] = [];
  if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType.trim())) {
    warnings.push(`The token response was read as JSON although its Content-Type is ${contentType === undefined ? 'missing' : JSON.stringify(contentType)}; RFC 6749 5.1 requires application/json, and a stricter client would refuse it.`);
  }
  if (json.token_type === undefined) warnings.push('The token response has no token_type, which RFC 6749 5.1 requires (usually "Bearer").');
  else if (typeof json.token_type !== 'string') warnings.push(`The token response's token_type is ${JSON.stringify(json.token_type)}, not a string (RFC 6749 5.1).`);
  if ('expires_in' in json) {
    const raw = json.expires_in;
    const shown = JSON.stringify(raw);
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw) || raw < 0) warnings.push(`expires_in is ${shown}, a negative number of seconds: shown as received, with no countdown.`);
    } else if (typeof raw === 'string' && NUMERIC.test(raw.trim())) {
      warnings.push(`expires_in is the string ${shown}, not a JSON number (RFC 6749 5.1); read as ${Number(raw)} seconds.`);
    } else {
      warnings.push(`expires_in is ${raw === '' ? 'empty ("")' : shown}, not a number of seconds: shown as received, with no countdown (never taken as 0).`);
    }
  }
  return warnings;
}

/** expires_in as a usable number of seconds: a non-negative number, or a string of digits (older Entra ID endpoints). */
function usableExpiresIn(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw === 'string' && NUMERIC.test(raw.trim())) return Number(raw);
  return undefined;
}

function pickTokens(json: Record<string, unknown>, receivedAt: string): TokenResult {
  const tokens: TokenResult = { receivedAt, raw: json, accessToken: json.access_token as string };
  if (typeof json.id_token === 'string') tokens.idToken = json.id_token;
  if (typeof json.refresh_token === 'string') tokens.refreshToken = json.refresh_token;
  if (typeof json.token_type === 'string') tokens.tokenType = json.token_type;
  const expiresIn = usableExpiresIn(json.expires_in);
  if (expiresIn !== undefined) tokens.expiresIn = expiresIn;
  if (typeof json.scope === 'string') tokens.scope = json.scope;
  return tokens;
}

function statusAdvice(status: number): string {
  if (status === 401 || status === 403) return 'The client was not allowed: check the Client ID, the Client Secret and how it is sent (Basic or body).';
  if (status === 404) return 'Nothing is at that path: check the Access Token URL.';
  if (status === 405) return 'The URL does not accept POST: it is probably not the token endpoint.';
  if (status >= 500) return 'The IdP had an internal error; try again, or look at its logs.';
  return 'Check the Access Token URL and the request in the trace.';
}
