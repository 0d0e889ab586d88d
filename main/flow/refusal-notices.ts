// Notices about refused redirects, rate-limited where they are raised: anything that can reach a
// loopback port or send a deep link can send refused redirects by the thousand, and each must not
// become a banner. Per kind of refusal, the first one is told at once with its reason; any more
// within the minute after it are counted and told as one ("3 redirects with an unknown state refused
// in the last minute"), then at most one such notice a minute while they keep coming.
import type { Notice } from '../../shared/contract';
import type { RedirectSource } from '../../shared/flow-types';

/** Why a redirect was refused, as far as the user needs to tell them apart. */
export type RefusalKind = 'unknown-state' | 'reused-state' | 'wrong-callback' | 'not-utf8';

export const REFUSAL_WINDOW_MS = 60_000;

const WHAT: Record<RefusalKind, [one: string, many: string]> = {
  'unknown-state': ['redirect with an unknown state', 'redirects with an unknown state'],
  'reused-state': ['redirect with an already used state', 'redirects with an already used state'],
  'wrong-callback': ['redirect to another callback address than its flow’s', 'redirects to another callback address than their flow’s'],
  'not-utf8': ['redirect that is not valid UTF-8', 'redirects that are not valid UTF-8'],
};

const SOURCE_LABELS: Record<RedirectSource, string> = { loopback: 'loopback listener', 'deep-link': 'deep link', embedded: 'embedded window', manual: 'pasted URL' };

interface Window {
  /** Refusals in this window not told yet. */
  untold: number;
  timer: ReturnType<typeof setTimeout>;
}

export class RefusalNotices {
  private readonly windows = new Map<RefusalKind, Window>();

  constructor(
    private readonly send: (notice: Notice) => void,
    private readonly now: () => Date,
    private readonly windowMs = REFUSAL_WINDOW_MS,
  ) {}

  /** A redirect was refused for `reason`, told in full when it is the first of its kind in a while. */
  refused(kind: RefusalKind, source: RedirectSource, reason: string): void {
    // A pasted URL's refusal is the answer to the paste itself; only redirects nobody asked for are notices.
    if (source === 'manual') return;
    const open = this.windows.get(kind);
    if (open) {
      open.untold += 1;
      return;
    }
    this.tell(`A redirect (${SOURCE_LABELS[source]}) was refused: ${reason}`);
    this.open(kind);
  }

  dispose(): void {
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  private open(kind: RefusalKind): void {
    const timer = setTimeout(() => this.close(kind), this.windowMs);
    // A pending summary must not keep a process (a test, the CLI) alive.
    timer.unref?.();
    this.windows.set(kind, { untold: 0, timer });
  }

  /** End of a window: the count if any came, and a new window while they keep coming. */
  private close(kind: RefusalKind): void {
    const window = this.windows.get(kind);
    this.windows.delete(kind);
    if (!window || window.untold === 0) return;
    const [one, many] = WHAT[kind];
    const n = window.untold;
    const minutes = Math.round(this.windowMs / 60_000);
    const period = minutes <= 1 ? 'the last minute' : `the last ${minutes} minutes`;
    this.tell(`${n} ${n === 1 ? one : many} refused in ${period}; no token request was made for ${n === 1 ? 'it' : 'any of them'}.`);
    this.open(kind);
  }

  private tell(message: string): void {
    try {
      this.send({ level: 'warning', message, at: this.now().toISOString() });
    } catch {
      // A subscriber's failure must not break redirect handling.
    }
  }
}
