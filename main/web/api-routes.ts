// The contract over HTTP: `POST /api/<method>` with a JSON body runs `dispatch()` and answers its
// envelope; `GET /api/events` is the event stream. The caller has already checked Host and Origin;
// the token is checked here, before anything else about an API request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiHandlers } from '../../shared/contract';
import { dispatch, isMethodName } from '../../shared/contract-dispatch';
import type { EventStreamHub } from './event-stream';
import { sendApiError, sendJson } from './http-replies';
import { readJsonBody } from './read-json-body';
import { checkBearerToken, isJsonContentType } from './request-guards';

export interface ApiRouteContext {
  handlers: ApiHandlers;
  events: EventStreamHub;
  token: string;
  maxBodyBytes: number;
  onInternalError(method: string, err: unknown): void;
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: ApiRouteContext): Promise<void> {
  const tokenCheck = checkBearerToken(req, ctx.token);
  if (tokenCheck === 'missing') return sendApiError(res, 401, 'forbidden', 'This API needs the browser-mode token: open the URL that `npm run web` printed.', { 'WWW-Authenticate': 'Bearer' });
  if (tokenCheck === 'wrong') return sendApiError(res, 403, 'forbidden', 'The browser-mode token is wrong (the server was probably restarted): open the URL it printed this time.');

  const name = pathname.slice('/api/'.length);
  if (name === 'events') {
    if (req.method !== 'GET') return sendApiError(res, 405, 'invalid_input', 'The event stream is read with GET.', { Allow: 'GET' });
    ctx.events.attach(res);
    return;
  }
  if (!isMethodName(name)) return sendApiError(res, 404, 'not_found', `There is no API method called "${name}".`);
  if (req.method !== 'POST') return sendApiError(res, 405, 'invalid_input', `${name} is called with POST.`, { Allow: 'POST' });
  if (!isJsonContentType(req.headers['content-type'])) return sendApiError(res, 415, 'invalid_input', 'API requests must have Content-Type: application/json.');

  const body = await readJsonBody(req, ctx.maxBodyBytes);
  if (!body.ok) {
    // After an oversized body the connection is not reused: the rest of the upload is only drained.
    if (body.reason === 'too_large') return sendApiError(res, 413, 'invalid_input', body.message, { Connection: 'close' });
    return sendApiError(res, 400, 'invalid_input', body.message);
  }
  // The transport worked, so the answer is 200 whatever the envelope says, exactly as over IPC.
  const result = await dispatch(ctx.handlers, name, body.value, (err) => ctx.onInternalError(name, err));
  sendJson(res, 200, result);
}
