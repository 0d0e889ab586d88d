// Sending a request with a DPoP proof, answering a nonce challenge with exactly one retry (RFC 9449
// sections 8 and 9): the first answer's DPoP-Nonce goes into a new proof, and the request is sent
// again, as its own request in the trace. Every answer's DPoP-Nonce is remembered for the next proof.
import type { TraceEntry } from '../../shared/flow-types';
import { carriesAssertion } from '../../shared/token-request';
import type { TracedActionKind } from '../../shared/token-actions';
import type { HttpAnswer } from '../flow/token-client';
import type { SigningKeyMaterial } from '../keys/key-material';
import type { ActionRequest, HttpSettings, StepOutcome } from '../token-actions/http-step';
import { runHttpStep } from '../token-actions/http-step';
import { dpopNonceHeader, dpopNonces, isNonceChallenge, type DpopNonces } from './dpop-nonces';
import { createDpopProof } from './dpop-proof';

/** What signs the proofs of one request. */
export interface DpopUse {
  key: SigningKeyMaterial;
  /** Presented with the request (UserInfo, Call API): hashed into `ath`. */
  accessToken?: string;
  nonces?: DpopNonces;
  now(): Date;
}

export type NoteLevel = 'info' | 'warning' | 'error';

/**
 * Sends the request to `request.method` `request.url` via `send` (which adds the proof header, sends
 * and traces), and once more with the nonce when the answer is a nonce challenge (`retry` true: a
 * request carrying a client assertion must then be made afresh, its jti being single-use).
 * `answerOf` reads the HTTP answer of a send's result (none: no answer).
 */
export async function sendWithDpop<R>(
  use: DpopUse,
  request: { method: string; url: string },
  send: (proof: { dpop: string }, retry: boolean) => Promise<R>,
  answerOf: (result: R) => HttpAnswer | undefined,
  note: (level: NoteLevel, message: string) => void,
): Promise<R> {
  const nonces = use.nonces ?? dpopNonces;
  const attempt = async (nonce?: string) => {
    const { proof } = await createDpopProof(use.key, request.method, request.url, { nonces, now: use.now(), ...(use.accessToken !== undefined ? { accessToken: use.accessToken } : {}), ...(nonce !== undefined ? { nonce } : {}) });
    const result = await send({ dpop: proof }, nonce !== undefined);
    const answer = answerOf(result);
    if (answer) nonces.remember(request.url, answer);
    return { result, answer };
  };
  const first = await attempt();
  if (!first.answer || !isNonceChallenge(first.answer)) return first.result;
  const nonce = dpopNonceHeader(first.answer);
  if (nonce === undefined) {
    note('error', `The server asked for a DPoP nonce (use_dpop_nonce) but sent no DPoP-Nonce header to use, so the request cannot be retried (RFC 9449 section 8 requires the header).`);
    return first.result;
  }
  note('info', `The server asked for a DPoP nonce (use_dpop_nonce, RFC 9449 section ${first.answer.status === 401 ? '9' : '8'}): the request is sent once more with a new proof carrying nonce ${nonce}.`);
  const second = await attempt(nonce);
  if (second.answer && isNonceChallenge(second.answer)) {
    note('warning', 'The server asked for a nonce again, although the proof carried the one it had just given: not retried a second time. Check the server clock and its nonce handling.');
  }
  return second.result;
}

/**
 * The request of one attempt, its proof header added. The nonce retry of a request carrying a
 * client assertion is built afresh by `rebuild` (the assertion's jti is single-use; a build error
 * is thrown to the caller); any other request is sent again as it was.
 */
export async function withProof<T extends { headers: Record<string, string>; clientAuth: string }>(request: T, proof: { dpop: string }, retry: boolean, rebuild?: () => Promise<T>): Promise<T> {
  const attempt = retry && rebuild && carriesAssertion(request.clientAuth) ? await rebuild() : request;
  return { ...attempt, headers: { ...attempt.headers, ...proof } };
}

/**
 * The `send` of sendWithDpop for a request that may carry a client assertion: each attempt's
 * request made by withProof, a failed rebuild answered by `unbuilt` instead of a send.
 */
export function sendEachAttempt<T extends { headers: Record<string, string>; clientAuth: string }, R>(
  request: T,
  rebuild: () => Promise<T>,
  unbuilt: (err: unknown) => R,
  send: (attempt: T, retry: boolean) => Promise<R>,
): (proof: { dpop: string }, retry: boolean) => Promise<R> {
  return async (proof, retry) => {
    let attempt: T;
    try {
      attempt = await withProof(request, proof, retry, rebuild);
    } catch (err) {
      return unbuilt(err);
    }
    return send(attempt, retry);
  };
}

/**
 * A token action's HTTP step with DPoP (none: the plain step); both attempts in the step's trace.
 * `rebuild` makes the request afresh for the retry: a client assertion's jti is single-use.
 */
export async function runDpopStep(action: TracedActionKind, request: ActionRequest, http: HttpSettings, use: DpopUse | undefined, rebuild?: () => Promise<ActionRequest>): Promise<StepOutcome> {
  if (!use) return runHttpStep(action, request, http);
  const trace: TraceEntry[] = [];
  const outcome = await sendWithDpop(
    use,
    request,
    async (proof, retry) => {
      const step = await runHttpStep(action, await withProof(request, proof, retry, rebuild), http);
      trace.push(...step.trace);
      return step;
    },
    (step) => (step.ok ? step.answer : undefined),
    (level, message) => trace.push({ kind: 'note', at: http.now().toISOString(), level, message }),
  );
  return { ...outcome, trace };
}
