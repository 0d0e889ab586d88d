// The token request of a flow (RFC 6749 4.1.3 + RFC 7636 4.5): built from a draft, traced, sent,
// interpreted. Pause mode shows the draft before it is sent ("Ready to exchange") so a tester can
// edit it, and can send the same code again afterwards (Exchange again) to see whether the IdP
// refuses a replay. The PKCE probe drives the same functions through the engine.
import { deepFreeze } from '../../shared/deep-freeze';
import type { FlowError } from '../../shared/errors';
import { editedFields, type ExchangeDraft } from '../../shared/exchange-draft';
import { tokenEndpointUrl } from '../../shared/mtls';
import { redactTokenRequest, tokenRequestParams, type TokenRequest } from '../../shared/token-request';
import { buildAuthenticatedPost } from '../client-auth/authenticated-post';
import { AssertionUnavailable } from '../client-auth/client-assertion';
import { tracedAssertion } from '../client-auth/traced-assertion';
import { recordDpopBinding } from '../dpop/dpop-binding';
import { sendEachAttempt, sendWithDpop } from '../dpop/dpop-send';
import { presentedCertificate } from '../mtls/certificate-binding';
import { recordTokenChecks } from '../oidc/record-token-checks';
import type { TokenValidator } from '../oidc/token-validator';
import type { FlowRecord } from './flow-record';
import { sendTokenRequest, TransportFailure, type HttpAnswer } from './token-client';
import { interpretTokenResponse } from './token-response';

export interface ExchangeContext {
  fetchImpl?: typeof fetch;
  tokenTimeoutMs: number;
  maxResponseBytes: number;
  /** How long a paused flow's secret is kept for Exchange again. */
  ttlMs: number;
  validator: TokenValidator;
  now(): Date;
  emit(record: FlowRecord): void;
  finish(record: FlowRecord, status: 'done' | 'failed', error?: FlowError): void;
}

/** The token request the flow would send for `code`, as the settings say. */
export function proposeDraft(record: FlowRecord, code: string): ExchangeDraft {
  const settings = record.settings;
  return {
    code,
    codeVerifier: settings.omitCodeVerifier ? null : record.verifier,
    redirectUri: record.snapshot.redirectUri,
    clientId: settings.clientId,
    extraParams: settings.extraTokenParams,
  };
}

/** Pause mode: the flow waits at "Ready to exchange" with the draft shown. */
export function pauseForExchange(record: FlowRecord, draft: ExchangeDraft, at: Date): void {
  record.proposed = draft;
  record.snapshot.exchange = { draft, replays: 0 };
  record.setStatus('ready-to-exchange', at);
  record.trace({ kind: 'note', level: 'info', message: 'Paused before the token request (Pause before token request): check or edit it, then press Exchange.' }, at);
}

/** Sends `draft` and ends the flow with its outcome. */
export async function exchangeCode(ctx: ExchangeContext, record: FlowRecord, draft: ExchangeDraft): Promise<void> {
  const paused = record.proposed !== undefined;
  if (paused) {
    record.sent = draft;
    record.snapshot.exchange = { draft, sent: draft, replays: 0 };
  }
  const secret = record.clientSecret;
  const answer = await send(ctx, record, draft, secret, paused && record.proposed ? editedFields(record.proposed, draft) : [], false);
  if (paused) keepForReplay(ctx, record, secret);
  if (record.isFinal) return; // cancelled meanwhile: the abort is the reason, already recorded
  if ('kind' in answer) {
    ctx.finish(record, 'failed', answer);
    return;
  }
  const outcome = interpretTokenResponse(answer, ctx.now().toISOString());
  if (!outcome.ok) {
    ctx.finish(record, 'failed', outcome.error);
    return;
  }
  record.snapshot.tokens = outcome.tokens;
  await recordDpopBinding(record, ctx.now);
  await recordTokenChecks(record, outcome.warnings, draft.code, ctx.validator, ctx.now);
  if (record.isFinal) return; // cancelled while the tokens were checked
  deepFreeze(record.snapshot.tokens); // checked: from now on every copy of the flow shares them
  ctx.finish(record, 'done');
}

/** Exchange again: the request sent before, once more. The flow's status and tokens stay as they are. */
export async function replayExchange(ctx: ExchangeContext, record: FlowRecord): Promise<void> {
  const sent = record.sent;
  if (!sent || !record.snapshot.exchange) return;
  record.snapshot.exchange.replays += 1;
  const answer = await send(ctx, record, sent, record.replaySecret, [], true);
  const at = ctx.now();
  if ('kind' in answer) {
    record.trace({ kind: 'note', level: 'error', message: `Exchange again got no answer: ${answer.message}` }, at);
  } else if (answer.status >= 200 && answer.status < 300) {
    record.trace({ kind: 'note', level: 'warning', message: 'The IdP accepted the same code twice: a replayed code must be refused (RFC 6749 4.1.2).' }, at);
  } else {
    record.trace({ kind: 'note', level: 'info', message: `The IdP refused the replayed code (HTTP ${answer.status}), as RFC 6749 4.1.2 requires.` }, at);
  }
  ctx.emit(record);
}

/** Traces and sends the token request (with DPoP: a proof, and one retry on a nonce challenge); the answer, or why there was none (also traced). */
async function send(ctx: ExchangeContext, record: FlowRecord, draft: ExchangeDraft, secret: string | null, edited: string[], replay: boolean): Promise<HttpAnswer | FlowError> {
  const settings = record.settings;
  // Built afresh for each attempt: an assertion's jti is single-use, so a DPoP nonce retry needs a new one.
  const build = () =>
    buildAuthenticatedPost(
      {
        url: tokenEndpointUrl(settings),
        params: tokenRequestParams({ code: draft.code, redirectUri: draft.redirectUri, codeVerifier: draft.codeVerifier, audience: settings.audience, resource: settings.resource }),
        clientId: draft.clientId,
        clientSecret: secret,
        extraParams: draft.extraParams,
        origin: settings.tokenRequestOrigin,
      },
      { settings, keys: record.keys, now: ctx.now() },
    );
  const unavailable = (err: unknown): FlowError => {
    if (!(err instanceof AssertionUnavailable)) throw err;
    // Nothing was sent: the flow fails saying what the assertion lacks.
    record.trace({ kind: 'note', level: 'error', message: `The token request was not sent: ${err.message}` }, ctx.now());
    return { kind: 'client_assertion', message: err.message };
  };
  let request: TokenRequest;
  try {
    request = await build();
  } catch (err) {
    return unavailable(err);
  }
  const dpop = settings.dpop && record.keys.dpopKey ? { key: record.keys.dpopKey, now: ctx.now } : undefined;
  if (settings.dpop && !dpop) record.trace({ kind: 'note', level: 'warning', message: 'DPoP is on, but this flow has no DPoP key: the token request goes without a proof.' }, ctx.now());
  if (!dpop) return sendOnce(ctx, record, request, draft, edited, replay, true);
  return sendWithDpop(
    dpop,
    request,
    sendEachAttempt(request, build, unavailable, (attempt, retry) => sendOnce(ctx, record, attempt, draft, edited, replay, !retry)),
    (answer) => ('kind' in answer ? undefined : answer),
    (level, message) => record.trace({ kind: 'note', level, message }, ctx.now()),
  );
}

async function sendOnce(ctx: ExchangeContext, record: FlowRecord, request: TokenRequest, draft: ExchangeDraft, edited: string[], replay: boolean, first: boolean): Promise<HttpAnswer | FlowError> {
  const shown = redactTokenRequest(request);
  const certificate = record.keys.clientCertificate;
  const sentAt = ctx.now();
  record.trace(
    {
      kind: 'token_request',
      url: shown.url,
      method: shown.method,
      headers: shown.headers,
      body: shown.body,
      bodyParams: shown.bodyParams,
      clientAuth: shown.clientAuth,
      clientId: draft.clientId,
      ...tracedAssertion(request),
      ...(edited.length > 0 ? { edited } : {}),
      ...(replay ? { replay } : {}),
      ...(certificate ? { tlsClientCertificate: presentedCertificate(certificate) } : {}),
    },
    sentAt,
  );
  if (first && edited.length > 0) record.trace({ kind: 'note', level: 'info', message: `Edited before sending: ${edited.join(', ')}.` }, sentAt);
  if (first && replay) record.trace({ kind: 'note', level: 'info', message: 'Exchange again: the same code sent a second time.' }, sentAt);
  if (first && draft.codeVerifier === null) {
    record.trace({ kind: 'note', level: 'info', message: 'code_verifier was left out on purpose (negative test): an IdP enforcing PKCE must refuse this code.' }, sentAt);
  }
  ctx.emit(record);
  try {
    const answer = await sendTokenRequest(request, {
      fetchImpl: ctx.fetchImpl,
      timeoutMs: ctx.tokenTimeoutMs,
      maxResponseBytes: ctx.maxResponseBytes,
      ...(certificate ? { clientCertificate: certificate } : {}),
      // A replay happens after the flow ended: its abort signal no longer applies.
      ...(replay ? {} : { signal: record.abort.signal }),
    });
    const { limitBytes: _limit, ...response } = answer;
    if (!record.isFinal || replay) record.trace({ kind: 'token_response', ...response }, ctx.now());
    return answer;
  } catch (err) {
    const error: FlowError = err instanceof TransportFailure ? err.flowError : { kind: 'network', message: `The token request failed: ${err instanceof Error ? err.message : String(err)}` };
    const after = err instanceof TransportFailure ? ` after ${err.durationMs} ms` : '';
    if (!record.isFinal || replay) record.trace({ kind: 'note', level: 'error', message: `No answer from the token endpoint${after}: ${error.raw ?? error.message}` }, ctx.now());
    return error;
  }
}

/** What Exchange again needs (the secret, the keys) stays for the flow's time limit after Exchange, then goes. */
function keepForReplay(ctx: ExchangeContext, record: FlowRecord, secret: string | null): void {
  record.replaySecret = secret;
  clearTimeout(record.replayTimer);
  record.replayTimer = setTimeout(() => {
    record.replaySecret = null;
    record.keys = {};
    record.replayClosed = true;
  }, ctx.ttlMs);
  record.replayTimer.unref();
}
