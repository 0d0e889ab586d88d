// Call API: one request with `Authorization: Bearer <access token>` (a DPoP-bound token: `DPoP
// <token>` and a proof) to prove the token works; the status, headers and body (JSON pretty-printed,
// cut to a readable size) shown. No collections.
import { ApiError } from '../../shared/errors';
import type { TokenResult } from '../../shared/flow-types';
import type { ApiMethod, KeyValueRow } from '../../shared/settings';
import { isHttpUrl, type ResultRow } from '../../shared/token-actions';
import { newResult, type ActionContext, type ActionOutcome } from './action-context';
import { refusal, statusLine } from './answer';
import { runDpopStep } from '../dpop/dpop-send';
import { accessTokenAuthorization, accessTokenDpop } from '../dpop/dpop-use';

/** What the result shows of the body; the trace keeps all the HTTP client read (up to its cap). */
export const API_BODY_SHOWN_CHARS = 100_000;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface ApiCall {
  method: ApiMethod;
  url: string;
  headers: KeyValueRow[];
}

export async function callApi(ctx: ActionContext, tokens: TokenResult, call: ApiCall): Promise<ActionOutcome> {
  const url = call.url.trim();
  if (!isHttpUrl(url)) throw new ApiError('invalid_input', `The API URL must be an absolute http(s) URL: ${url || '(empty)'}.`);
  const headers: Record<string, string> = { accept: 'application/json, */*;q=0.5' };
  for (const row of call.headers) {
    if (row.enabled === false || row.key.trim() === '') continue;
    if (!HEADER_NAME.test(row.key.trim())) throw new ApiError('invalid_input', `"${row.key}" is not a valid header name.`);
    headers[row.key.trim().toLowerCase()] = row.value;
  }
  const own = headers.authorization !== undefined;
  const dpop = own ? undefined : accessTokenDpop(tokens, ctx.keys, ctx.http.now);
  if (!own) headers.authorization = accessTokenAuthorization(tokens, dpop);
  const step = await runDpopStep('call-api', { url, method: call.method, headers, bodyParams: [], clientAuth: own ? 'none' : 'bearer', clientId: ctx.settings.clientId }, ctx.http, dpop);
  const title = `Call API: ${call.method} ${url}`;
  const at = ctx.http.now();
  if (!step.ok) return { trace: step.trace, result: newResult('call-api', title, at, { outcome: 'failed', summary: step.error.message, error: step.error }) };
  const { answer } = step;
  const contentType = answer.headers['content-type'] ?? '';
  const json = /json/i.test(contentType) || /^[[{]/.test(answer.body.trim()) ? tryPretty(answer.body) : null;
  const text = json ?? answer.body;
  const cut = text.length > API_BODY_SHOWN_CHARS;
  const rows: ResultRow[] = [
    { name: 'Status', value: statusLine(answer), verdict: answer.status < 300 ? 'ok' : 'bad' },
    { name: 'Time', value: `${answer.durationMs} ms` },
    ...Object.entries(answer.headers).map(([name, value]) => ({ name, value })),
  ];
  if (own) rows.unshift({ name: 'Authorization', value: 'your own header was sent instead of the access token', verdict: 'warning' });
  const error = answer.status >= 300 ? refusal(answer, 'The API') : null;
  return {
    trace: step.trace,
    result: newResult('call-api', title, at, {
      outcome: error ? 'failed' : 'ok',
      summary: error ? error.message : `The API answered ${statusLine(answer)}.`,
      rows,
      body: { text: cut ? text.slice(0, API_BODY_SHOWN_CHARS) : text, contentType: contentType || 'no content type', truncated: cut || answer.truncated },
      ...(error ? { error } : {}),
    }),
  };
}

function tryPretty(body: string): string | null {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return null;
  }
}
