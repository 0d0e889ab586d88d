// Runs the PKCE enforcement cases (probe-cases.ts) one after the other as real flows of the flow
// engine in pause mode: each case's authorization goes out as a normal flow (the user signs in when
// the IdP asks), the flow stops at "Ready to exchange", the case's token request is sent with
// Exchange (and Exchange again for the replay case). Not a second flow engine: the same mechanics a
// user drives by hand.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/errors';
import { FINAL_FLOW_STATUSES, type FlowSnapshot } from '../../shared/flow-types';
import type { ProbeCaseResult, ProbeSnapshot } from '../../shared/probe-types';
import type { FlowSettings } from '../../shared/settings';
import type { FlowEngine, StartFlowInput } from '../flow/flow-engine';
import { PROBE_CASES, observe, type CaseContext, type CaseRun, type ProbeCase, type TokenAnswer } from './probe-cases';
import { checkStillActive, type RevocationCheckOptions } from './revocation-check';

export interface ProbeRunnerOptions {
  engine: Pick<FlowEngine, 'start' | 'get' | 'cancel' | 'exchange' | 'exchangeAgain'>;
  emit(snapshot: ProbeSnapshot): void;
  revocation?: RevocationCheckOptions;
  now?: () => Date;
}

class Cancelled extends Error {}

interface Waiter {
  flowId: string;
  done: (snapshot: FlowSnapshot) => boolean;
  resolve: (snapshot: FlowSnapshot) => void;
}

export class ProbeRunner {
  private readonly options: ProbeRunnerOptions;
  private readonly waiters = new Set<Waiter>();
  private active: { snapshot: ProbeSnapshot; cancelled: boolean; run: Promise<void> } | undefined;

  constructor(options: ProbeRunnerOptions) {
    this.options = options;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Starts a run; resolves with its first snapshot (the run goes on, reported through `emit`). */
  start(input: StartFlowInput): ProbeSnapshot {
    if (this.active?.snapshot.status === 'running') throw new ApiError('conflict', 'A PKCE enforcement test is already running: cancel it first.');
    const { settings } = input;
    const snapshot: ProbeSnapshot = {
      probeId: randomUUID(),
      status: 'running',
      startedAt: this.now().toISOString(),
      idp: { issuer: settings.metadata?.metadata.issuer ?? (settings.issuer.trim() || new URL(settings.authUrl.trim()).origin), authorizationEndpoint: settings.authUrl.trim(), tokenEndpoint: settings.accessTokenUrl.trim() },
      client: { clientId: settings.clientId, type: isConfidential(input) ? 'confidential' : 'public', authorizeMode: settings.authorizeMode },
      progress: 'Starting…',
      cases: PROBE_CASES.map((c) => ({ id: c.id, title: c.title, expectation: c.expectation, rfc: c.rfc, verdict: 'pending' })),
      flows: [],
    };
    const active = { snapshot, cancelled: false, run: Promise.resolve() };
    this.active = active;
    active.run = this.runAll(active, input).catch((err: unknown) => {
      if (snapshot.status !== 'running') return;
      snapshot.status = 'failed';
      snapshot.error = err instanceof Error ? err.message : String(err);
      this.finish(active, `Stopped: ${snapshot.error}`);
    });
    this.emit();
    return structuredClone(snapshot);
  }

  cancel(probeId: string): ProbeSnapshot {
    const active = this.active;
    if (!active || active.snapshot.probeId !== probeId) throw new ApiError('not_found', `No PKCE enforcement test ${probeId}.`);
    if (active.snapshot.status === 'running') {
      active.cancelled = true;
      const flowId = active.snapshot.current?.flowId;
      if (flowId && !FINAL_FLOW_STATUSES.includes(this.options.engine.get(flowId)?.status ?? 'done')) this.options.engine.cancel(flowId, 'The PKCE enforcement test was cancelled.');
      active.snapshot.status = 'cancelled';
      this.finish(active, 'Cancelled: the cases left are not run.');
    }
    return structuredClone(active.snapshot);
  }

  get(): ProbeSnapshot | undefined {
    return this.active ? structuredClone(this.active.snapshot) : undefined;
  }

  /** Every flow update passes here: a case waiting for its flow goes on. */
  onFlowUpdate(flow: FlowSnapshot): void {
    for (const waiter of this.waiters) {
      if (waiter.flowId === flow.flowId && waiter.done(flow)) {
        this.waiters.delete(waiter);
        waiter.resolve(flow);
      }
    }
  }

  /** Waits for the run to end (tests, shutdown). */
  async settled(): Promise<void> {
    await this.active?.run;
  }

  private async runAll(active: NonNullable<ProbeRunner['active']>, input: StartFlowInput): Promise<void> {
    const ctx: CaseContext = { publicClient: !isConfidential(input), advertisedMethods: input.settings.metadata?.metadata.code_challenge_methods_supported ?? null };
    const runs = new Map<string, CaseRun>();
    for (const [index, def] of PROBE_CASES.entries()) {
      const result = active.snapshot.cases[index]!;
      if (active.cancelled) break;
      const control = runs.get('1');
      if (def.id !== '1' && (!control || PROBE_CASES[0]!.judge(control, ctx).verdict !== 'pass')) {
        Object.assign(result, { verdict: 'not run', reason: 'The control case (1) did not get tokens, so this case would prove nothing.' });
        continue;
      }
      let run = def.readsFlowOf ? runs.get(def.readsFlowOf) : undefined;
      if (def.flow) {
        result.verdict = 'running';
        try {
          run = await this.runCase(active, def, input);
        } catch (err) {
          if (err instanceof Cancelled) break;
          throw err;
        }
        runs.set(def.id, run);
        result.flowId = run.flow.flowId;
        result.observed = observe(run);
      } else if (run) {
        result.flowId = run.flow.flowId;
      }
      if (run) Object.assign(result, def.judge(run, ctx));
      this.emit();
    }
    if (active.snapshot.status === 'running') {
      active.snapshot.status = 'done';
      this.finish(active, 'Done.');
    }
  }

  private async runCase(active: NonNullable<ProbeRunner['active']>, def: ProbeCase, input: StartFlowInput): Promise<CaseRun> {
    const spec = def.flow ?? {};
    const settings: FlowSettings = {
      ...input.settings,
      tokenName: `${input.settings.tokenName} · PKCE case ${def.id}`.slice(0, 200),
      pauseBeforeTokenRequest: true,
      omitCodeVerifier: false,
      // A fresh state per case: a fixed one would collide with nothing here, but must not be replayed.
      state: '',
      ...(spec.method ? { codeChallengeMethod: spec.method } : {}),
      ...(spec.verifier ? { codeVerifier: spec.verifier() } : {}),
    };
    const started = await this.options.engine.start({ ...input, settings, omitCodeChallenge: spec.omitChallenge === true });
    // A refused push (Use PAR) ends the flow before any browser: nothing to open then.
    if (!FINAL_FLOW_STATUSES.includes(started.status)) active.snapshot.current = { flowId: started.flowId, authorizationUrl: started.authorizationUrl, openedBy: started.openedBy };
    active.snapshot.progress = `Case ${def.id} (of 1–10): ${def.title}. Expected: ${def.expectation} Sign in in the browser if the IdP asks.`;
    this.emit();
    let flow = await this.waitFor(active, started.flowId, (f) => f.status === 'ready-to-exchange' || FINAL_FLOW_STATUSES.includes(f.status));
    active.snapshot.current = undefined;
    if (flow.status !== 'ready-to-exchange') return this.record(active, { flow, authorizationRefused: true, answers: [] });
    active.snapshot.progress = `Case ${def.id}: ${def.title}. Sending the token request…`;
    this.emit();
    const draft = flow.exchange!.draft;
    flow = await this.options.engine.exchange(flow.flowId, spec.tweak ? spec.tweak(draft) : draft);
    if (spec.replay) flow = await this.options.engine.exchangeAgain(flow.flowId);
    this.throwIfCancelled(active);
    const run: CaseRun = { flow, authorizationRefused: false, answers: tokenAnswers(flow) };
    if (spec.checkRevocation) {
      run.stillActive = flow.tokens?.accessToken && this.options.revocation ? await checkStillActive(flow.tokens, settings, input.clientSecret, this.options.revocation, input.keys) : null;
    }
    return this.record(active, run);
  }

  private record(active: NonNullable<ProbeRunner['active']>, run: CaseRun): CaseRun {
    active.snapshot.flows.push(run.flow);
    return run;
  }

  private waitFor(active: NonNullable<ProbeRunner['active']>, flowId: string, done: (f: FlowSnapshot) => boolean): Promise<FlowSnapshot> {
    this.throwIfCancelled(active);
    const now = this.options.engine.get(flowId);
    if (now && done(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      this.waiters.add({
        flowId,
        done: (f) => done(f) || active.cancelled,
        resolve: (f) => (active.cancelled ? reject(new Cancelled()) : resolve(f)),
      });
    });
  }

  private throwIfCancelled(active: NonNullable<ProbeRunner['active']>): void {
    if (active.cancelled) throw new Cancelled();
  }

  private finish(active: NonNullable<ProbeRunner['active']>, progress: string): void {
    active.snapshot.finishedAt = this.now().toISOString();
    active.snapshot.current = undefined;
    active.snapshot.progress = progress;
    for (const c of active.snapshot.cases) if (c.verdict === 'pending' || c.verdict === 'running') Object.assign(c, { verdict: 'not run', reason: c.reason ?? progress } satisfies Partial<ProbeCaseResult>);
    this.emit();
  }

  private emit(): void {
    if (!this.active) return;
    try {
      this.options.emit(structuredClone(this.active.snapshot));
    } catch {
      // A subscriber's failure must not stop the run.
    }
  }
}

/** Each token request of the flow with its answer (none: no answer came). */
export function tokenAnswers(flow: FlowSnapshot): TokenAnswer[] {
  const answers: TokenAnswer[] = [];
  for (const entry of flow.trace) {
    if (entry.kind === 'token_request') answers.push({ tokens: false });
    if (entry.kind !== 'token_response' || answers.length === 0) continue;
    const answer = answers[answers.length - 1]!;
    answer.status = entry.status;
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(entry.body);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: status only.
    }
    if (typeof body.error === 'string') answer.error = body.error;
    if (typeof body.error_description === 'string') answer.errorDescription = body.error_description;
    answer.tokens = typeof body.access_token === 'string' || typeof body.id_token === 'string';
  }
  return answers;
}

/** A secret, an assertion or a TLS certificate authenticates the client; only basic/body without a secret is public. */
function isConfidential(input: StartFlowInput): boolean {
  const method = input.settings.clientAuthentication;
  return Boolean(input.clientSecret) || (method !== 'basic' && method !== 'body');
}
