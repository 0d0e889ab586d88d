// Holds main's events until the page can receive them. A freshly loaded renderer subscribes to
// events before its first API call (renderer/store/connect-api.ts), so the first trusted call
// opens the gate; until then, events (e.g. the notice about a refused deep link that launched the
// app) are queued instead of being sent into a page with no listener. A new document closes it:
// only once it has committed (`did-navigate`), so a navigation that starts and is then refused (or
// fails) leaves the page as it was, still listening.

/** Enough for a burst at start-up; past it the oldest are dropped (flows are re-read by listFlows). */
const MAX_QUEUED = 500;

export class EventGate<T> {
  private queue: T[] = [];
  private isOpen = false;

  constructor(private readonly deliver: (item: T) => void) {}

  send(item: T): void {
    if (this.isOpen) {
      this.deliver(item);
      return;
    }
    this.queue.push(item);
    if (this.queue.length > MAX_QUEUED) this.queue.shift();
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    const queued = this.queue;
    this.queue = [];
    for (const item of queued) this.deliver(item);
  }

  close(): void {
    this.isOpen = false;
  }

  get queued(): number {
    return this.queue.length;
  }
}

/** The one webContents event the gate needs: a main-frame document committed (not in-page). */
export interface CommittedNavigations {
  on(event: 'did-navigate', listener: () => void): unknown;
}

export function closeOnNewDocument(contents: CommittedNavigations, gate: Pick<EventGate<unknown>, 'close'>): void {
  contents.on('did-navigate', () => gate.close());
}
