// The tokens' life after their flow: runs each action on a token entry held in main (the renderer
// names entries by id and never sends tokens back), records its trace steps and result on the entry,
// turns refreshed tokens into new entries linked to their origin, and schedules auto-refresh. The
// flow engine is not changed: its snapshots are decorated here on their way out.
import { randomUUID } from 'node:crypto';
import type { ClientSecretChoice, Notice } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import type { FlowSettings } from '../../shared/settings';
import { actionEndpoint, type ActionResult, type TokenAction, type TokenLifecycle } from '../../shared/token-actions';
import type { ClientKeys } from '../keys/key-material';
import type { JwksCache } from '../oidc/jwks-cache';
import type { ActionContext } from './action-context';
import { planAutoRefresh } from './auto-refresh';
import { callApi } from './call-api';
import type { HttpSettings } from './http-step';
import { refreshTokens } from './refresh';
import { introspectToken, revokeToken } from './revoke-introspect';
import { signOut, type SignOutDeps } from './sign-out';
import { fetchUserInfo } from './userinfo';

/** Who asks for an action: the form's settings and which client secret to use (resolved in main). */
export interface ActionCaller {
  settings: FlowSettings;
  profileId: string | null;
  clientSecret: ClientSecretChoice;
}

export interface TokenLifecycleOptions {
  /** The engine's own flows, looked up by id (`has` without copying one: pruning asks for every entry). */
  flows: { has(flowId: string): boolean; get(flowId: string): FlowSnapshot | undefined; list(): FlowSnapshot[] };
  /** The secret for a request to `destination`, the same way a flow gets it. */
  resolveSecret(choice: ClientSecretChoice, profileId: string | null, destination: string): Promise<string | null>;
  /** The key material a client-authenticated request needs (main/keys/resolve-client-keys.ts); absent: none. */
  resolveKeys?(settings: FlowSettings, profileId: string | null): Promise<ClientKeys>;
  emit(snapshot: FlowSnapshot): void;
  notice(notice: Notice): void;
  signOut: SignOutDeps;
  http?: Omit<HttpSettings, 'now'>;
  /** The flow engine's JWKS cache: a signed UserInfo answer is checked with the keys its ID token was. */
  jwks?: JwksCache;
  now?: () => Date;
}

export interface TokenActionOutput {
  flow: FlowSnapshot;
  /** Refresh: the new entry. */
  created?: FlowSnapshot;
}

interface Entry {
  /** Entries made by a refresh live here; a flow's own entry lives in the engine. */
  derived?: FlowSnapshot;
  lifecycle: TokenLifecycle;
  /** Steps appended after the flow (a derived entry keeps them in its own trace). */
  trace: TraceEntry[];
  updatedAt: string;
  /** The last caller, for auto-refresh; a secret typed for once is kept only while auto-refresh is on. */
  caller?: ActionCaller;
  /** The refresh token these tokens were obtained with (Reuse previous refresh token). */
  previousRefreshToken?: string;
  timer?: NodeJS.Timeout;
  refreshing?: boolean;
}

const RESULTS_KEPT = 50;
const DERIVED_KEPT = 200;

export class TokenLifecycleService {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Sign-outs still waiting for the IdP to send the browser back. */
  private readonly waiting = new Set<() => void>();
  private disposed = false;

  constructor(private readonly options: TokenLifecycleOptions) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private http(keys: ClientKeys = {}): HttpSettings {
    return { ...this.options.http, now: () => this.now(), ...(keys.clientCertificate ? { clientCertificate: keys.clientCertificate } : {}) };
  }

  private keysFor(caller: ActionCaller): Promise<ClientKeys> {
    return this.options.resolveKeys?.(caller.settings, caller.profileId) ?? Promise.resolve({});
  }

  /** A flow was started by `caller`: its tokens may be auto-refreshed with the same settings. */
  track(flowId: string, caller: ActionCaller): void {
    this.entry(flowId).caller = keepable(caller);
    this.prune();
  }

  /** The engine's snapshot on its way to the renderer, with the entry's life after the flow. */
  onFlowUpdate(snapshot: FlowSnapshot): FlowSnapshot {
    const entry = this.entries.get(snapshot.flowId);
    if (entry && snapshot.status === 'done' && snapshot.tokens && entry.timer === undefined && entry.lifecycle.autoRefresh === undefined) this.schedule(snapshot.flowId, entry, snapshot);
    return this.decorate(snapshot, entry);
  }

  list(): FlowSnapshot[] {
    const own = this.options.flows.list().map((s) => this.decorate(s, this.entries.get(s.flowId)));
    const derived = [...this.entries.entries()].flatMap(([id, e]) => (e.derived ? [this.snapshot(id)!] : []));
    return [...own, ...derived];
  }

  snapshot(flowId: string): FlowSnapshot | undefined {
    const entry = this.entries.get(flowId);
    const base = entry?.derived ? structuredClone(entry.derived) : this.options.flows.get(flowId);
    return base ? this.decorate(base, entry) : undefined;
  }

  async run(flowId: string, action: TokenAction, caller: ActionCaller): Promise<TokenActionOutput> {
    if (this.disposed) throw new ApiError('internal', 'The app is shutting down.');
    const flow = this.snapshot(flowId);
    if (!flow) throw new ApiError('not_found', `No token entry ${flowId} (entries are kept while the app runs).`);
    const tokens = flow.tokens;
    if (!tokens) throw new ApiError('conflict', `“${flow.tokenName}” has no tokens to act on.`);
    const entry = this.entry(flowId);
    entry.caller = keepable(caller);
    // Refresh reads its own (auto-refresh too); sign-out only navigates the browser.
    const keys = ['revoke', 'introspect', 'userinfo', 'call-api'].includes(action.kind) ? await this.keysFor(caller) : {};
    const ctx = (secret: string | null): ActionContext => ({ settings: caller.settings, clientSecret: secret, keys, http: this.http(keys), ...(this.options.jwks ? { jwks: this.options.jwks } : {}) });
    const secretFor = (endpoint: Parameters<typeof actionEndpoint>[1]) => {
      const resolved = actionEndpoint(caller.settings, endpoint);
      if (!resolved.ok) throw new ApiError('invalid_settings', resolved.reason);
      return this.options.resolveSecret(caller.clientSecret, caller.profileId, resolved.url);
    };

    switch (action.kind) {
      case 'refresh':
      case 'reuse-refresh':
        return this.refresh(flowId, action.kind === 'reuse-refresh', caller, false);
      case 'revoke': {
        const token = action.token === 'access_token' ? tokens.accessToken : tokens.refreshToken;
        if (!token) throw new ApiError('conflict', `This entry has no ${action.token === 'access_token' ? 'access' : 'refresh'} token to revoke.`);
        const outcome = await revokeToken(ctx(await secretFor('revoke')), token, action.token);
        if (outcome.revoked) {
          entry.lifecycle.revoked[action.token] = { at: outcome.result.at, status: outcome.revoked.status };
          if (action.token === 'refresh_token') this.unschedule(entry);
        }
        return { flow: this.record(flowId, outcome.trace, outcome.result) };
      }
      case 'introspect': {
        const token = action.token === 'access_token' ? tokens.accessToken : tokens.refreshToken;
        if (!token) throw new ApiError('conflict', `This entry has no ${action.token === 'access_token' ? 'access' : 'refresh'} token to introspect.`);
        const outcome = await introspectToken(ctx(await secretFor('introspect')), token, action.token);
        return { flow: this.record(flowId, outcome.trace, outcome.result) };
      }
      case 'userinfo': {
        const outcome = await fetchUserInfo(ctx(null), tokens);
        return { flow: this.record(flowId, outcome.trace, outcome.result) };
      }
      case 'call-api': {
        const outcome = await callApi(ctx(null), tokens, action);
        return { flow: this.record(flowId, outcome.trace, outcome.result) };
      }
      case 'sign-out': {
        const started = await signOut(ctx(null), flow, this.options.signOut);
        const shown = this.record(flowId, started.trace, started.result);
        if (started.returned && started.stop) {
          const stop = started.stop;
          this.waiting.add(stop);
          const settling = started.returned.then(({ trace, result }) => {
            this.waiting.delete(stop);
            if (this.disposed) return;
            // The final word replaces the "waiting" result.
            entry.lifecycle.results = entry.lifecycle.results.filter((r) => r.id !== started.result.id);
            this.emit(flowId, this.record(flowId, trace, result));
          });
          this.background(settling);
        }
        return { flow: shown };
      }
      case 'auto-refresh': {
        const current = this.snapshot(flowId)!;
        this.unschedule(entry);
        this.schedule(flowId, entry, current);
        return { flow: this.touch(flowId) };
      }
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const entry of this.entries.values()) this.unschedule(entry);
    for (const stop of this.waiting) stop();
    await Promise.allSettled([...this.pending]);
  }

  private async refresh(flowId: string, reuse: boolean, caller: ActionCaller, auto: boolean): Promise<TokenActionOutput> {
    const entry = this.entry(flowId);
    const origin = this.snapshot(flowId)!;
    const refreshToken = reuse ? entry.previousRefreshToken : origin.tokens?.refreshToken;
    if (!refreshToken) {
      throw new ApiError('conflict', reuse ? 'This entry was not made by a refresh that rotated the refresh token: there is no previous refresh token to reuse.' : 'This entry has no refresh token (ask for offline_access, or check that the client may use the refresh_token grant).');
    }
    if (entry.refreshing) throw new ApiError('conflict', 'A refresh of this token is already running.');
    entry.refreshing = true;
    try {
      const destination = actionEndpoint(caller.settings, 'refresh');
      if (!destination.ok) throw new ApiError('invalid_settings', destination.reason);
      const secret = await this.options.resolveSecret(caller.clientSecret, caller.profileId, destination.url);
      const keys = await this.keysFor(caller);
      const outcome = await refreshTokens({ settings: caller.settings, clientSecret: secret, keys, http: this.http(keys) }, refreshToken, reuse);
      if (auto) outcome.result.title = 'Auto-refresh';
      const flow = this.record(flowId, outcome.trace, outcome.result);
      if (!outcome.tokens) return { flow };

      const at = this.now().toISOString();
      const createdId = randomUUID();
      const note: TraceEntry = { kind: 'note', at, level: 'info', message: `${auto ? 'Auto-refreshed' : reuse ? 'Obtained by reusing the previous refresh token' : 'Refreshed'} from “${origin.tokenName}” (received ${origin.tokens?.receivedAt ?? 'earlier'}).` };
      const { lifecycle: _l, error: _e, ...base } = origin;
      const derived: FlowSnapshot = { ...base, flowId: createdId, status: 'done', startedAt: at, updatedAt: at, trace: [note, ...outcome.trace], tokens: outcome.tokens };
      const created = this.entry(createdId);
      created.derived = derived;
      created.caller = entry.caller;
      if (outcome.rotated === true) created.previousRefreshToken = refreshToken;
      created.lifecycle.refreshedFrom = { flowId, tokenName: origin.tokenName, at, auto, rotated: outcome.rotated ?? null };
      entry.lifecycle.refreshedInto.push(createdId);
      this.unschedule(entry);
      this.schedule(createdId, created, derived);
      this.prune();
      const createdSnapshot = this.touch(createdId);
      return { flow: this.touch(flowId), created: createdSnapshot };
    } finally {
      entry.refreshing = false;
    }
  }

  private schedule(flowId: string, entry: Entry, snapshot: FlowSnapshot): void {
    const settings = entry.caller?.settings;
    entry.lifecycle.autoRefresh = undefined;
    if (!settings?.autoRefresh || !snapshot.tokens || entry.lifecycle.refreshedInto.length > 0 || entry.lifecycle.revoked.refresh_token) return;
    const plan = planAutoRefresh(snapshot.tokens, settings.autoRefreshSeconds, this.now());
    if (!plan) return;
    entry.lifecycle.autoRefresh = { at: plan.at.toISOString(), secondsBefore: settings.autoRefreshSeconds, ...(plan.note ? { note: plan.note } : {}) };
    entry.timer = setTimeout(() => this.background(this.autoRefresh(flowId)), plan.at.getTime() - this.now().getTime());
    entry.timer.unref();
  }

  private unschedule(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.lifecycle.autoRefresh = undefined;
  }

  private async autoRefresh(flowId: string): Promise<void> {
    const entry = this.entries.get(flowId);
    if (!entry?.caller || this.disposed) return;
    entry.timer = undefined;
    entry.lifecycle.autoRefresh = undefined;
    try {
      const { created, flow } = await this.refresh(flowId, false, entry.caller, true);
      this.emit(flowId, flow);
      if (created) this.emit(created.flowId, created);
      else this.notify('warning', `Auto-refresh of “${flow.tokenName}” failed: ${flow.lifecycle?.results.at(-1)?.summary ?? 'see its trace'}`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const result: ActionResult = { id: randomUUID(), kind: 'refresh', title: 'Auto-refresh', at: this.now().toISOString(), outcome: 'failed', summary: message, rows: [] };
      this.emit(flowId, this.record(flowId, [{ kind: 'note', at: result.at, level: 'error', message: `Auto-refresh did not run: ${message}` }], result));
      this.notify('warning', `Auto-refresh did not run: ${message}`);
    }
  }

  private entry(flowId: string): Entry {
    let entry = this.entries.get(flowId);
    if (!entry) {
      entry = { lifecycle: { refreshedInto: [], revoked: {}, results: [] }, trace: [], updatedAt: this.now().toISOString() };
      this.entries.set(flowId, entry);
    }
    return entry;
  }

  /** Appends an action's steps and result to the entry; returns the snapshot to send. */
  private record(flowId: string, trace: TraceEntry[], result: ActionResult): FlowSnapshot {
    const entry = this.entry(flowId);
    if (entry.derived) entry.derived.trace.push(...trace);
    else entry.trace.push(...trace);
    entry.lifecycle.results = [...entry.lifecycle.results, result].slice(-RESULTS_KEPT);
    return this.touch(flowId);
  }

  private touch(flowId: string): FlowSnapshot {
    const entry = this.entry(flowId);
    entry.updatedAt = this.now().toISOString();
    if (entry.derived) entry.derived.updatedAt = entry.updatedAt;
    const snapshot = this.snapshot(flowId);
    if (!snapshot) throw new ApiError('not_found', `No token entry ${flowId}.`);
    return snapshot;
  }

  /** `own` must be a copy the caller owns (the engine's snapshots are): it is completed in place. */
  private decorate(own: FlowSnapshot, entry: Entry | undefined): FlowSnapshot {
    if (!entry) return own;
    own.trace.push(...structuredClone(entry.trace));
    own.lifecycle = structuredClone(entry.lifecycle);
    if (entry.updatedAt > own.updatedAt) own.updatedAt = entry.updatedAt;
    return own;
  }

  /**
   * Forgets entries of flows the engine no longer keeps, and the oldest refreshed entries past the
   * cap (the map keeps insertion order). It runs on every flow start over the whole history, so it
   * walks the map with forEach: no array of entries, and no iterator result per entry either.
   */
  private prune(): void {
    let derived = 0;
    this.entries.forEach((entry, id) => {
      if (entry.derived) derived += 1;
      else if (entry.caller && !this.options.flows.has(id)) this.forget(id, entry);
    });
    let excess = derived - DERIVED_KEPT;
    if (excess <= 0) return;
    this.entries.forEach((entry, id) => {
      if (excess > 0 && entry.derived) {
        this.forget(id, entry);
        excess -= 1;
      }
    });
  }

  private forget(id: string, entry: Entry): void {
    this.unschedule(entry);
    this.entries.delete(id);
  }

  private emit(flowId: string, snapshot: FlowSnapshot | undefined = this.snapshot(flowId)): void {
    if (!snapshot) return;
    try {
      this.options.emit(snapshot);
    } catch {
      // A listener's failure must not undo the action.
    }
  }

  private notify(level: Notice['level'], message: string): void {
    try {
      this.options.notice({ level, message, at: this.now().toISOString() });
    } catch {
      // As for emit().
    }
  }

  private background(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}

/** A secret typed for once is kept (in memory) only for auto-refresh, which has no one to ask. */
function keepable(caller: ActionCaller): ActionCaller {
  if (caller.clientSecret.source !== 'once' || caller.settings.autoRefresh) return caller;
  return { ...caller, clientSecret: { source: 'none' } };
}
