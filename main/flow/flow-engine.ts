// The flow engine: runs Authorization Code + PKCE flows as small state machines
//   created → awaiting-redirect → exchanging → done | failed | cancelled | expired
//   (pause mode: awaiting-redirect → ready-to-exchange → exchanging, see exchange.ts)
// and records every step in the flow's trace. Plain Node: the hosts (Electron, browser mode) only
// supply a launcher that opens the authorization URL, and feed redirect URLs to `handleRedirect`.
import { randomUUID } from 'node:crypto';
import type { Notice } from '../../shared/contract';
import { deepFreeze } from '../../shared/deep-freeze';
import { ApiError, type FlowError } from '../../shared/errors';
import type { ExchangeDraft } from '../../shared/exchange-draft';
import type { FlowSnapshot, RedirectSource } from '../../shared/flow-types';
import { checkCodeVerifier, generateCodeVerifier, randomToken } from '../../shared/pkce';
import { scopeIncludesOpenId, type AuthorizeMode, type FlowSettings } from '../../shared/settings';
import { checkSettings } from '../../shared/settings-validation';
import type { ClientKeys } from '../keys/key-material';
import { JwksCache } from '../oidc/jwks-cache';
import { checkRedirect } from '../oidc/redirect-checks';
import { TokenValidator } from '../oidc/token-validator';
import { explainCodeChallengeNow } from './code-challenge';
import { prepareAuthorization, sendAuthorization, type PreparedAuthorization } from './authorization-request';
import { armExpiry, describeLimit, expiryError } from './flow-expiry';
import { FlowRecord } from './flow-record';
import { startLoopbackListener, type LoopbackListener } from './loopback-listener';
import { flowsHoldingFixedPort, handoverMessage } from './port-handover';
import { RedirectRouter } from './redirect-router';
import { RefusalNotices } from './refusal-notices';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TOKEN_TIMEOUT_MS } from './token-client';
import { exchangeCode, pauseForExchange, proposeDraft, replayExchange, type ExchangeContext } from './exchange';

export interface LaunchRequest {
  flowId: string;
  url: string;
  mode: AuthorizeMode;
  redirectUri: string;
  keepCookies: boolean;
}

export interface AuthorizationLauncher {
  /** 'app': the host opens the URL (Electron: embedded window or shell.openExternal). 'renderer': browser mode, the page opens a tab itself. */
  readonly openedBy: 'app' | 'renderer';
  /** Throws → the flow fails with kind 'launch_failed'. */
  open(request: LaunchRequest): Promise<void>;
  /** The flow ended: close its embedded window if any. */
  close(flowId: string): void;
}

export interface FlowEngineOptions {
  launcher: AuthorizationLauncher;
  /** Every state change and trace append. */
  onUpdate?: (snapshot: FlowSnapshot) => void;
  /** E.g. a redirect with an unknown state was refused. */
  onNotice?: (notice: Notice) => void;
  fetchImpl?: typeof fetch;
  /** Default 10 min: flows still awaiting their redirect, or paused at "Ready to exchange" that long after it, then become 'expired'. */
  flowTtlMs?: number;
  /** Default 30 s. */
  tokenTimeoutMs?: number;
  /** Default 1 MiB. */
  maxResponseBytes?: number;
  now?: () => Date;
  /** Checks the tokens (ID token claims, signatures); default: one with its own JWKS cache. */
  tokenValidator?: TokenValidator;
}

export type RouteOutcome = { accepted: true; flowId: string } | { accepted: false; reason: string };

export interface StartFlowInput {
  settings: FlowSettings;
  profileId: string | null;
  /** null or empty: a public client. */
  clientSecret: string | null;
  /** Key material resolved in main for this flow (signing key, DPoP key, client certificate); never in the snapshot. */
  keys?: ClientKeys;
  /** The PKCE probe's downgrade cases: an authorization request without code_challenge. */
  omitCodeChallenge?: boolean;
}

export const DEFAULT_FLOW_TTL_MS = 10 * 60_000;
/** Finished flows kept for `list()`; the oldest finished ones are forgotten past this. */
const FLOWS_KEPT = 200;

export class FlowEngine {
  private readonly options: FlowEngineOptions;
  private readonly flows = new Map<string, FlowRecord>();
  private readonly router = new RedirectRouter();
  private readonly refusals: RefusalNotices;
  private readonly releasing = new Set<Promise<void>>();
  private readonly exchanges = new Set<Promise<void>>();
  private readonly validator: TokenValidator;
  private readonly exchangeContext: ExchangeContext;
  /** How long a flow waits for its redirect and, paused, for Exchange. */
  private readonly ttlMs: number;
  private disposed = false;

  constructor(options: FlowEngineOptions) {
    this.options = options;
    this.ttlMs = options.flowTtlMs ?? DEFAULT_FLOW_TTL_MS;
    this.refusals = new RefusalNotices((notice) => this.options.onNotice?.(notice), () => this.now());
    this.validator = options.tokenValidator ?? new TokenValidator(new JwksCache({ fetchImpl: options.fetchImpl, timeoutMs: options.tokenTimeoutMs, maxResponseBytes: options.maxResponseBytes }));
    this.exchangeContext = {
      fetchImpl: options.fetchImpl,
      tokenTimeoutMs: options.tokenTimeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      ttlMs: this.ttlMs,
      validator: this.validator,
      now: () => this.now(),
      emit: (record) => this.emit(record),
      finish: (record, status, error) => this.finish(record, status, error),
    };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async start(input: StartFlowInput): Promise<FlowSnapshot> {
    if (this.disposed) throw new ApiError('internal', 'The flow engine has been shut down.');
    const { settings } = input;
    const check = checkSettings(settings);
    if (check.errors.length > 0) {
      throw new ApiError('invalid_settings', `The settings cannot start a flow: ${check.errors.map((e) => e.message).join(' ')}`, check.errors);
    }
    const state = settings.state !== '' ? settings.state : randomToken();
    this.assertStateFree(state);

    const generated = settings.codeVerifier === '';
    const verifier = generated ? generateCodeVerifier(settings.verifierLength) : settings.codeVerifier;
    const explanation = explainCodeChallengeNow(verifier, settings.codeChallengeMethod);
    const nonce = scopeIncludesOpenId(settings.scope) ? randomToken() : undefined;
    const flowId = randomUUID();

    let listener: LoopbackListener | undefined;
    if (settings.authorizeMode === 'browser-loopback') {
      await this.releaseFixedPort(settings.callbackUrl.trim(), settings.tokenName);
      listener = await startLoopbackListener({
        callbackUrl: settings.callbackUrl.trim(),
        onCallback: async (url) => {
          const outcome = await this.handleRedirect(url, 'loopback');
          return outcome.accepted ? { accepted: true } : outcome;
        },
      });
    }
    const redirectUri = listener?.redirectUri ?? settings.callbackUrl.trim();
    let prepared: PreparedAuthorization;
    try {
      const codeChallenge = input.omitCodeChallenge ? null : explanation.challenge;
      prepared = await prepareAuthorization({ settings, redirectUri, state, codeChallenge, nonce, keys: input.keys ?? {}, profileId: input.profileId, now: this.now() });
      // Checked again: another flow may have taken the state while the listener was starting.
      this.assertStateFree(state);
    } catch (err) {
      await listener?.close();
      throw err;
    }

    const startedAt = this.now();
    const snapshot: FlowSnapshot = {
      flowId,
      profileId: input.profileId,
      tokenName: settings.tokenName,
      status: 'created',
      startedAt: startedAt.toISOString(),
      updatedAt: startedAt.toISOString(),
      expiresAt: new Date(startedAt.getTime() + this.ttlMs).toISOString(),
      mode: settings.authorizeMode,
      authorizationUrl: prepared.direct?.url ?? '',
      redirectUri,
      state,
      openedBy: this.options.launcher.openedBy,
      pkce: deepFreeze({ ...explanation, generated, warnings: generated ? [] : checkCodeVerifier(verifier) }),
      trace: [],
    };
    if (nonce !== undefined) snapshot.nonce = nonce;
    const record = new FlowRecord(snapshot, settings, verifier, input.clientSecret, input.keys ?? {});
    record.listener = listener;
    this.flows.set(flowId, record);
    this.router.register(flowId, state, redirectUri);
    this.pruneFinishedFlows();

    const sent = await sendAuthorization(this.exchangeContext, record, prepared);
    if (record.isFinal) return record.copy(); // cancelled (or shut down) while pushing
    if ('kind' in sent) {
      this.finish(record, 'failed', sent);
      return record.copy();
    }
    record.setStatus('awaiting-redirect', this.now());
    this.armExpiry(record, startedAt);
    this.emit(record);

    try {
      await this.options.launcher.open({ flowId, url: sent.url, mode: settings.authorizeMode, redirectUri, keepCookies: settings.keepCookies });
    } catch (err) {
      if (record.snapshot.status === 'awaiting-redirect') {
        const reason = err instanceof Error ? err.message : String(err);
        this.finish(record, 'failed', {
          kind: 'launch_failed',
          message: `The sign-in page could not be opened: ${reason}. Check that a default web browser is set up, or choose another way of authorizing, then start again.`,
        });
      }
    }
    return record.copy();
  }

  cancel(flowId: string, reason?: string): FlowSnapshot {
    const record = this.flows.get(flowId);
    if (!record) throw new ApiError('not_found', `No flow ${flowId}.`);
    // Worded without "cancelled": the status already says it, once.
    this.finish(record, 'cancelled', { kind: 'cancelled', message: reason ?? 'Stopped by you before the IdP redirected back; a redirect for this flow will now be refused.' });
    return record.copy();
  }

  /** The single entry for every redirect: loopback, deep link, embedded window and pasted URLs. */
  async handleRedirect(url: string, source: RedirectSource): Promise<RouteOutcome> {
    const decision = this.router.route(url);
    if (!decision.ok) {
      if (decision.suspicious) this.refusals.refused(decision.suspicious, source, decision.reason);
      return { accepted: false, reason: decision.reason };
    }
    const record = this.flows.get(decision.flowId);
    if (!record || record.snapshot.status !== 'awaiting-redirect') {
      // Unreachable while finish() retires states; kept so a bug cannot lead to a token request.
      return { accepted: false, reason: 'The flow for this redirect is no longer waiting for one.' };
    }
    const at = this.now();
    clearTimeout(record.expiryTimer);
    record.trace({ kind: 'redirect', url, source, params: decision.redirect.params }, at);
    const verdict = checkRedirect(decision.redirect, url, record.settings);
    for (const note of verdict.notes) record.trace({ kind: 'note', ...note }, at);
    this.closeLauncher(record);
    if (verdict.failure) {
      this.finish(record, 'failed', verdict.failure);
      return { accepted: true, flowId: record.snapshot.flowId };
    }
    const draft = proposeDraft(record, decision.redirect.code ?? '');
    if (record.settings.pauseBeforeTokenRequest) {
      pauseForExchange(record, draft, at);
      // A new time limit from now: waiting at "Ready to exchange" must not keep the secret forever.
      this.armExpiry(record, at);
      this.emit(record);
    } else {
      // No update of its own: the token request's (its trace entry) follows at once, and the
      // request should not wait for a copy of the flow to be made and sent to the UI first.
      record.setStatus('exchanging', at);
      await this.track(exchangeCode(this.exchangeContext, record, draft));
    }
    return { accepted: true, flowId: record.snapshot.flowId };
  }

  /** Pause mode's Exchange: sends the (possibly edited) token request of a flow at "Ready to exchange". */
  async exchange(flowId: string, draft: ExchangeDraft): Promise<FlowSnapshot> {
    const record = this.flows.get(flowId);
    if (!record) throw new ApiError('not_found', `No flow ${flowId}.`);
    if (record.snapshot.status !== 'ready-to-exchange') throw new ApiError('conflict', 'This flow is not waiting at "Ready to exchange"; its code was already sent or the flow ended.');
    clearTimeout(record.expiryTimer);
    record.setStatus('exchanging', this.now()); // announced with the token request, as above
    await this.track(exchangeCode(this.exchangeContext, record, draft));
    return record.copy();
  }

  /** Pause mode's Exchange again: the same token request (the same code) once more, after the first. */
  async exchangeAgain(flowId: string): Promise<FlowSnapshot> {
    const record = this.flows.get(flowId);
    if (!record) throw new ApiError('not_found', `No flow ${flowId}.`);
    if (!record.sent || (record.snapshot.status !== 'done' && record.snapshot.status !== 'failed')) {
      throw new ApiError('conflict', 'Exchange again replays a code already sent with Exchange (Pause before token request); this flow has none.');
    }
    if (record.replayClosed) {
      // Sent now, it would go without the client authentication the first one had: an IdP's refusal would prove nothing.
      throw new ApiError('conflict', `Exchange again works for ${describeLimit(this.ttlMs)} after Exchange, while main still holds the client secret and keys the request needs; that time has passed. Start a new flow to test a replayed code.`);
    }
    await this.track(replayExchange(this.exchangeContext, record));
    return record.copy();
  }

  private async track(exchange: Promise<void>): Promise<void> {
    this.exchanges.add(exchange);
    try {
      await exchange;
    } finally {
      this.exchanges.delete(exchange);
    }
  }

  /** The embedded window was closed by the user before the redirect: the flow is cancelled. */
  authWindowClosed(flowId: string): void {
    const record = this.flows.get(flowId);
    if (!record || record.snapshot.status !== 'awaiting-redirect') return;
    record.launcherClosed = true;
    this.finish(record, 'cancelled', {
      kind: 'cancelled',
      message: 'The sign-in window was closed before the identity provider redirected back. Start the flow again to retry.',
    });
  }

  has(flowId: string): boolean {
    return this.flows.has(flowId);
  }

  get(flowId: string): FlowSnapshot | undefined {
    return this.flows.get(flowId)?.copy();
  }

  list(): FlowSnapshot[] {
    return [...this.flows.values()].map((record) => record.copy());
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.refusals.dispose();
    for (const record of this.flows.values()) {
      this.finish(record, 'cancelled', { kind: 'cancelled', message: 'The app shut down before the flow finished.' });
    }
    await Promise.allSettled([...this.exchanges, ...this.releasing]);
  }

  private armExpiry(record: FlowRecord, from: Date): void {
    armExpiry(record, from, this.ttlMs, () => this.expire(record));
  }

  private expire(record: FlowRecord): void {
    const error = expiryError(record.snapshot.status, this.ttlMs);
    if (error) this.finish(record, 'expired', error);
  }

  /** Ends a flow, whatever way, and releases everything it held. Idempotent. */
  private finish(record: FlowRecord, status: 'done' | 'failed' | 'cancelled' | 'expired', error?: FlowError): void {
    if (record.isFinal) return;
    record.setStatus(status, this.now(), error);
    record.clientSecret = null;
    if (!record.sent) record.keys = {}; // sent with Exchange, they stay for Exchange again (exchange.ts)
    clearTimeout(record.expiryTimer);
    this.router.retire(record.snapshot.flowId, status === 'expired' ? 'has expired' : status === 'cancelled' ? 'was cancelled' : 'has already ended');
    if (status === 'cancelled' || status === 'expired') record.abort.abort();
    if (record.listener) {
      const closing = record.listener.close();
      this.releasing.add(closing);
      void closing.finally(() => this.releasing.delete(closing));
      record.listener = undefined;
    }
    this.closeLauncher(record);
    this.emit(record);
  }

  private closeLauncher(record: FlowRecord): void {
    if (record.launcherClosed) return;
    record.launcherClosed = true;
    try {
      this.options.launcher.close(record.snapshot.flowId);
    } catch {
      // A window that is already gone is not the flow's problem.
    }
  }

  /** See port-handover.ts: flows abandoned on the new flow's fixed port give it up. */
  private async releaseFixedPort(callbackUrl: string, newTokenName: string): Promise<void> {
    const { port, holders } = flowsHoldingFixedPort(this.flows.values(), callbackUrl);
    const closing = holders.map((record) => record.listener?.close());
    for (const record of holders) this.finish(record, 'cancelled', { kind: 'cancelled', message: handoverMessage(newTokenName, port) });
    await Promise.all(closing);
  }

  private assertStateFree(state: string): void {
    if (this.router.hasPending(state)) {
      throw new ApiError('conflict', 'Another flow with the same state is still waiting for its redirect. Leave State empty for a random one per flow, or cancel the other flow first.', [
        { field: 'state', message: 'Already used by a pending flow.' },
      ]);
    }
  }

  private pruneFinishedFlows(): void {
    for (const [flowId, record] of this.flows) {
      if (this.flows.size <= FLOWS_KEPT) break;
      if (record.isFinal) this.flows.delete(flowId);
    }
  }

  private emit(record: FlowRecord): void {
    try {
      this.options.onUpdate?.(record.copy());
    } catch {
      // A subscriber's failure must not leave a flow half-updated.
    }
  }
}
