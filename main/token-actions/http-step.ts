// One HTTP request of a token action, through the flow's HTTP client (timeout, size cap, no redirects
// followed), recorded as two trace steps: the request as sent (client secret redacted) and the answer.
import type { FlowError } from '../../shared/errors';
import type { ClientAuthMethod, DecodedAssertion, TraceEntry } from '../../shared/flow-types';
import type { TracedActionKind } from '../../shared/token-actions';
import { REDACTED, type TokenRequest } from '../../shared/token-request';
import { tracedAssertion } from '../client-auth/traced-assertion';
import type { EndpointWords } from '../flow/http-errors';
import { sendHttpRequest, TransportFailure, type HttpAnswer, type OutgoingRequest } from '../flow/token-client';
import type { ClientCertificateMaterial } from '../keys/key-material';
import { presentedCertificate } from '../mtls/certificate-binding';

export interface ActionRequest extends OutgoingRequest {
  bodyParams: [string, string][];
  clientAuth: ClientAuthMethod | 'bearer';
  clientId: string;
  /** The client_assertion decoded, for the trace. */
  clientAssertion?: DecodedAssertion;
}

export interface HttpSettings {
  fetchImpl?: typeof fetch;
  /** Mutual TLS: presented to every https endpoint of the actions (the API and UserInfo check a bound token with it). */
  clientCertificate?: ClientCertificateMaterial;
  timeoutMs?: number;
  maxResponseBytes?: number;
  now(): Date;
}

export type StepOutcome = { ok: true; trace: TraceEntry[]; answer: HttpAnswer } | { ok: false; trace: TraceEntry[]; error: FlowError };

/** A client-authenticated form POST (token, refresh, revocation, introspection) as an action request. */
export function fromClientPost(request: TokenRequest, clientId: string): ActionRequest {
  return { ...request, clientId, ...tracedAssertion(request) };
}

/** The trace's copy: a Basic header and a client_secret parameter never carry the secret. */
export function redactActionRequest(request: ActionRequest): ActionRequest {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]): [string, string] => [k, k.toLowerCase() === 'authorization' && /^basic /i.test(v) ? `Basic ${REDACTED}` : v]));
  const bodyParams = request.bodyParams.map(([k, v]): [string, string] => [k, k === 'client_secret' ? REDACTED : v]);
  const body = bodyParams.length > 0 ? new URLSearchParams(bodyParams).toString() : (request.body ?? '');
  return { ...request, headers, bodyParams, body };
}

/** What each action calls, in the words of a network failure. */
const ENDPOINT_WORDS: Record<TracedActionKind, EndpointWords> = {
  refresh: { endpoint: 'token endpoint', request: 'refresh request', field: 'Refresh Token URL' },
  'reuse-refresh': { endpoint: 'token endpoint', request: 'refresh request', field: 'Refresh Token URL' },
  revoke: { endpoint: 'revocation endpoint', request: 'revocation request', field: 'Revocation URL' },
  introspect: { endpoint: 'introspection endpoint', request: 'introspection request', field: 'Introspection URL' },
  userinfo: { endpoint: 'UserInfo endpoint', request: 'UserInfo request', field: 'UserInfo URL' },
  'call-api': { endpoint: 'API', request: 'API request', field: 'Call API URL' },
  'sign-out': { endpoint: 'end-session endpoint', request: 'sign-out request', field: 'End Session URL' },
};

/**
 * Mutual TLS: the token endpoint's kin must get the certificate (over http the request fails, saying
 * why); UserInfo and an API get it over https only (a plain-http API cannot check a binding anyway).
 */
function certificateFor(action: TracedActionKind, url: string, certificate: ClientCertificateMaterial | undefined): ClientCertificateMaterial | undefined {
  if (!certificate || action === 'sign-out') return undefined;
  if (action === 'userinfo' || action === 'call-api') return /^https:/i.test(url) ? certificate : undefined;
  return certificate;
}

export async function runHttpStep(action: TracedActionKind, request: ActionRequest, http: HttpSettings): Promise<StepOutcome> {
  const shown = redactActionRequest(request);
  const certificate = certificateFor(action, request.url, http.clientCertificate);
  const trace: TraceEntry[] = [
    {
      kind: 'action_request',
      at: http.now().toISOString(),
      action,
      url: shown.url,
      method: shown.method,
      headers: shown.headers,
      body: shown.body ?? '',
      bodyParams: shown.bodyParams,
      clientAuth: shown.clientAuth,
      clientId: shown.clientId,
      ...(certificate ? { tlsClientCertificate: presentedCertificate(certificate) } : {}),
      ...(shown.clientAssertion ? { clientAssertion: shown.clientAssertion } : {}),
    },
  ];
  try {
    const answer = await sendHttpRequest(request, {
      ...(http.fetchImpl ? { fetchImpl: http.fetchImpl } : {}),
      ...(http.timeoutMs !== undefined ? { timeoutMs: http.timeoutMs } : {}),
      ...(http.maxResponseBytes !== undefined ? { maxResponseBytes: http.maxResponseBytes } : {}),
      ...(certificate ? { clientCertificate: certificate } : {}),
    }, ENDPOINT_WORDS[action]);
    const { limitBytes: _limit, ...response } = answer;
    trace.push({ kind: 'action_response', at: http.now().toISOString(), action, ...response });
    return { ok: true, trace, answer };
  } catch (err) {
    const error: FlowError = err instanceof TransportFailure ? err.flowError : { kind: 'network', message: `The request failed: ${err instanceof Error ? err.message : String(err)}` };
    const after = err instanceof TransportFailure ? ` after ${err.durationMs} ms` : '';
    trace.push({ kind: 'note', at: http.now().toISOString(), level: 'error', message: `No answer from ${request.url}${after}: ${error.raw ?? error.message}` });
    return { ok: false, trace, error };
  }
}
