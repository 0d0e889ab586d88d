// One flow as main holds it: the public snapshot plus what must never leave main (the client secret)
// and the resources to release when the flow ends (listener, timer, in-flight request).
import type { FlowError } from '../../shared/errors';
import type { ExchangeDraft } from '../../shared/exchange-draft';
import type { FlowSnapshot, FlowStatus, TraceEntry } from '../../shared/flow-types';
import { FINAL_FLOW_STATUSES } from '../../shared/flow-types';
import { frozenCopy } from '../../shared/deep-freeze';
import type { FlowSettings } from '../../shared/settings';
import type { ClientKeys } from '../keys/key-material';
import type { LoopbackListener } from './loopback-listener';

/** A trace entry before its timestamp is stamped on. */
export type TraceInput = TraceEntry extends infer E ? (E extends TraceEntry ? Omit<E, 'at'> : never) : never;

export class FlowRecord {
  readonly snapshot: FlowSnapshot;
  readonly settings: FlowSettings;
  readonly verifier: string;
  /** Only in memory, only until the flow ends; never copied into the snapshot. */
  clientSecret: string | null;
  listener: LoopbackListener | undefined;
  expiryTimer: NodeJS.Timeout | undefined;
  readonly abort = new AbortController();
  launcherClosed = false;
  /** Pause mode: the draft main proposed, and the one sent (replayed by Exchange again). */
  proposed: ExchangeDraft | undefined;
  sent: ExchangeDraft | undefined;
  /**
   * Pause mode keeps the secret (and the keys) past the end for Exchange again, until the flow's
   * time limit passes after Exchange; then the window closes and both are dropped.
   */
  replaySecret: string | null = null;
  replayTimer: NodeJS.Timeout | undefined;
  replayClosed = false;

  /**
   * Signing key, DPoP key, client certificate for this flow; main's memory only, like the secret,
   * and, like it, dropped once the flow can send nothing more (token actions read them again).
   */
  keys: ClientKeys;

  constructor(snapshot: FlowSnapshot, settings: FlowSettings, verifier: string, clientSecret: string | null, keys: ClientKeys = {}) {
    this.snapshot = snapshot;
    this.keys = keys;
    this.settings = settings;
    this.verifier = verifier;
    this.clientSecret = clientSecret;
  }

  get isFinal(): boolean {
    return FINAL_FLOW_STATUSES.includes(this.snapshot.status);
  }

  trace(entry: TraceInput, at: Date): void {
    // Copied once on the way in and frozen, so the snapshot of every later update shares the entries
    // instead of copying the whole trace again (the caller may go on changing what it passed).
    this.snapshot.trace.push(frozenCopy({ ...entry, at: at.toISOString() } as TraceEntry));
    this.snapshot.updatedAt = at.toISOString();
  }

  setStatus(status: FlowStatus, at: Date, error?: FlowError): void {
    this.snapshot.status = status;
    if (error) this.snapshot.error = error;
    this.snapshot.updatedAt = at.toISOString();
  }

  /**
   * A copy listeners and callers can keep or change without touching the flow. What is frozen (the
   * trace's entries, the PKCE explanation, the tokens once checked) is shared; the rest is copied,
   * and the trace array is new.
   */
  copy(): FlowSnapshot {
    const copy: Record<string, unknown> = { ...this.snapshot, trace: [...this.snapshot.trace] };
    for (const [key, value] of Object.entries(copy)) {
      if (key !== 'trace' && typeof value === 'object' && value !== null && !Object.isFrozen(value)) copy[key] = structuredClone(value);
    }
    return copy as unknown as FlowSnapshot;
  }
}
