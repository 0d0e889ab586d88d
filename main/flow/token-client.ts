// The one HTTP client of main: sends a request exactly as built (the token request; refresh,
// revocation, introspection, UserInfo and API calls; discovery and JWKS GETs), with a timeout covering
// headers AND body, no redirect following (a token endpoint that redirects is misconfigured, and
// following it could resend the code elsewhere; a redirected document is reported, never taken from
// somewhere else silently), and a cap on how much of the answer is read.
//
// Size cap decision: reading stops once more than `maxResponseBytes` arrived; the first
// `maxResponseBytes` are kept with `truncated: true` so the trace still shows what came back, and
// interpretation turns a truncated answer into a `response_too_large` failure (a partial JSON
// document must never be taken for tokens).
import type { FlowError } from '../../shared/errors';
import type { ClientCertificateMaterial } from '../keys/key-material';
import { fetchWithClientCertificate, withCertificateAdvice } from '../mtls/tls-fetch';
import { describeNetworkFailure, TOKEN_ENDPOINT, type EndpointWords } from './http-errors';

export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** True when the body passed `limitBytes` and reading stopped: `body` is only its beginning. */
  truncated: boolean;
  limitBytes: number;
  durationMs: number;
}

/** What the client sends: a token request as built, or a GET of an IdP document (discovery, JWKS). */
export interface HttpRequest {
  url: string;
  /** GET for documents; POST for the token endpoint and its kin; any for Call API. */
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SendOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Aborts the request when the flow is cancelled. */
  signal?: AbortSignal;
  /** Mutual TLS (RFC 8705): presented in the TLS handshake; the request then goes over node:https (see tls-fetch.ts). */
  clientCertificate?: ClientCertificateMaterial;
}

/** The name the token actions use for the same thing. */
export type OutgoingRequest = HttpRequest;

/** A request that got no complete HTTP answer; `flowError` says why, for the user. */
export class TransportFailure extends Error {
  readonly flowError: FlowError;
  readonly durationMs: number;
  constructor(flowError: FlowError, durationMs: number) {
    super(flowError.message);
    this.name = 'TransportFailure';
    this.flowError = flowError;
    this.durationMs = durationMs;
  }
}

export function sendTokenRequest(request: HttpRequest, options: SendOptions = {}): Promise<HttpAnswer> {
  return sendHttpRequest(request, options, TOKEN_ENDPOINT);
}

/** `endpoint` names what was called, in the words of a failure (e.g. "the token endpoint", "Access Token URL"). */
export async function sendHttpRequest(request: HttpRequest, options: SendOptions = {}, endpoint: EndpointWords = TOKEN_ENDPOINT): Promise<HttpAnswer> {
  const fetchImpl = options.clientCertificate ? fetchWithClientCertificate(options.clientCertificate) : (options.fetchImpl ?? fetch);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD' ? { body: request.body } : {}),
      redirect: 'manual',
      signal,
    });
    const { text, truncated } = await readCapped(response, maxBytes);
    return {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers.entries()),
      body: text,
      truncated,
      limitBytes: maxBytes,
      durationMs: elapsed(),
    };
  } catch (err) {
    if (options.signal?.aborted && !timeout.aborted) {
      throw new TransportFailure({ kind: 'cancelled', message: `The ${endpoint.request} was abandoned because ${endpoint === TOKEN_ENDPOINT ? 'the flow' : 'it'} was cancelled.` }, elapsed());
    }
    const failure = describeNetworkFailure(err, { url: request.url, timeoutMs, endpoint });
    throw new TransportFailure(options.clientCertificate ? withCertificateAdvice(failure) : failure, elapsed());
  }
}


/** Reads the body as UTF-8 text, stopping (and closing the stream) once it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - received;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      received = maxBytes;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    received += value.byteLength;
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Not fatal on bad UTF-8: an inspector shows what came, with replacement characters.
  return { text: new TextDecoder('utf-8').decode(bytes), truncated };
}
