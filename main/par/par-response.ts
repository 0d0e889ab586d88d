// The PAR endpoint's answer (RFC 9126 2.2 / 2.3), judged: 201 Created with a JSON request_uri (and
// expires_in) goes on; anything else fails the flow before any browser opens, saying why.
import type { FlowError } from '../../shared/errors';
import type { HttpAnswer } from '../flow/token-client';

export type ParAnswer = { ok: true; requestUri: string; expiresIn?: number; warnings: string[] } | { ok: false; error: FlowError };

const HINTS: Record<string, string> = {
  invalid_client: 'The client did not authenticate as the IdP expects: check Client ID, Client Secret (or the signing key) and Client Authentication.',
  invalid_request: 'The IdP found the pushed parameters malformed or unacceptable: look at its description.',
  invalid_request_object: 'The IdP did not accept the signed request object: its signature (key or alg not the registered ones), or its iss, aud, exp or nbf.',
  request_not_supported: 'The IdP does not accept a request object: untick Sign the authorization request.',
  unauthorized_client: 'This client may not push authorization requests, or not this response type.',
  invalid_scope: 'A requested scope is unknown or not allowed for this client.',
  invalid_redirect_uri: 'The redirect_uri is not registered for this client (PAR checks it when the request is pushed).',
};

const failed = (message: string, answer: HttpAnswer, extra: Partial<FlowError> = {}): ParAnswer => ({
  ok: false,
  error: { kind: 'par_failed', message: `${message} No browser was opened.`, httpStatus: answer.status, raw: answer.body, ...extra },
});

export function interpretParResponse(answer: HttpAnswer): ParAnswer {
  if (answer.truncated) return failed(`The PAR endpoint's answer was larger than ${answer.limitBytes} bytes, so it was not read (a pushed authorization response is a small JSON object).`, answer);
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    body = undefined;
  }
  const json = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (answer.status >= 400 && typeof json?.error === 'string') {
    const error = json.error;
    const description = typeof json.error_description === 'string' ? json.error_description : undefined;
    const hint = HINTS[error];
    return failed(`The PAR endpoint refused the pushed authorization request: ${error}${description ? ` (${description})` : ''}.${hint ? ` ${hint}` : ''}`, answer, {
      error,
      ...(description !== undefined ? { errorDescription: description } : {}),
      ...(typeof json.error_uri === 'string' ? { errorUri: json.error_uri } : {}),
      ...(hint !== undefined ? { hint } : {}),
    });
  }
  if (answer.status !== 201) {
    const what = json ? 'a JSON body' : answer.body.trim() === '' ? 'an empty body' : 'a body that is not JSON';
    return failed(`The PAR endpoint answered HTTP ${answer.status} ${answer.statusText} with ${what}, not 201 Created with a request_uri (RFC 9126 2.2). Check the PAR URL.`, answer);
  }
  if (!json) return failed('The PAR endpoint answered 201 Created, but not with a JSON object (RFC 9126 2.2).', answer);
  const requestUri = json.request_uri;
  if (typeof requestUri !== 'string' || requestUri === '') return failed('The PAR endpoint answered 201 Created without a request_uri (RFC 9126 2.2 requires one), so there is nothing to send the browser with.', answer);
  const expiresIn = json.expires_in;
  if (typeof expiresIn === 'number' && Number.isInteger(expiresIn) && expiresIn > 0) return { ok: true, requestUri, expiresIn, warnings: [] };
  return { ok: true, requestUri, warnings: [`The PAR endpoint sent ${expiresIn === undefined ? 'no expires_in' : `expires_in ${JSON.stringify(expiresIn)}`}: RFC 9126 2.2 requires the request_uri's lifetime in seconds. Going on; the IdP decides how long it lasts.`] };
}
