// Server-Sent Events for the contract's events (flowUpdated, notice): every connected page gets
// every event. A comment line every few seconds keeps proxies and idle timeouts from closing the
// stream and lets a dead connection be noticed.
import type { ServerResponse } from 'node:http';
import type { ApiEvents, EventName } from '../../shared/contract';

export interface EventStreamHub {
  attach(res: ServerResponse): void;
  broadcast<E extends EventName>(event: E, payload: ApiEvents[E]): void;
  closeAll(): void;
  readonly size: number;
}

export function createEventStreamHub({ heartbeatMs = 15_000 }: { heartbeatMs?: number } = {}): EventStreamHub {
  const clients = new Set<ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  return {
    attach(res) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      // A first line flushes the headers, so the client knows at once that it is connected.
      res.write(': connected\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    broadcast(event, payload) {
      // JSON.stringify emits no raw newlines, so the payload is always one `data:` line.
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    closeAll() {
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
    get size() {
      return clients.size;
    },
  };
}
