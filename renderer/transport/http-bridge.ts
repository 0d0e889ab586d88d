// The contract over HTTP, for browser mode: each method is `POST /api/<method>` answering an
// `ApiResult` envelope, and events arrive as Server-Sent Events on `GET /api/events`. The events
// are read with fetch rather than EventSource so the token travels in the Authorization header like
// every other request, never in a URL.
import { createParser } from 'eventsource-parser';
import { EVENT_NAMES, type ApiEvents, type ApiResult, type EventName, type InspectorBridge } from '../../shared/contract';
import { METHOD_NAMES } from '../build-constants';
import type { ApiErrorShape } from '../../shared/errors';

export interface HttpBridgeOptions {
  /** From `takeBrowserToken`; null when the page was opened without the printed URL. */
  token: string | null;
  /** The server's origin; '' means the page's own. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** Delay before reconnecting a dropped event stream; doubles up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

const NO_TOKEN_MESSAGE = 'This tab was opened without its access token, the #token=… part of the URL that `npm run web` prints.';

type Listener = (payload: never) => void;

export function createHttpBridge(options: HttpBridgeOptions): InspectorBridge {
  const { token, baseUrl = '', fetchImpl = (input, init) => fetch(input, init) } = options;
  const listeners = new Map<EventName, Set<Listener>>();
  const events = createEventStream({ ...options, fetchImpl, baseUrl, emit });

  function emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of [...(listeners.get(event) ?? [])]) (listener as (p: ApiEvents[E]) => void)(payload);
  }

  async function call(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (!token) return failure({ code: 'forbidden', message: NO_TOKEN_MESSAGE });
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      return failure({ code: 'internal', message: `Cannot reach the PKCE Inspector server (is \`npm run web\` still running?): ${describe(err)}` });
    }
    return readEnvelope(response);
  }

  const bridge: Record<string, unknown> = {
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${event}`);
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      events.ensureRunning();
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
  for (const method of METHOD_NAMES) bridge[method] = (input: unknown) => call(method, input);
  return bridge as InspectorBridge;
}

async function readEnvelope(response: Response): Promise<ApiResult<unknown>> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as unknown;
    if (isEnvelope(body)) return body;
  } catch {
    // Not JSON: fall through to a readable error below.
  }
  return failure({ code: 'internal', message: `The server answered HTTP ${response.status} without a usable result: ${text.slice(0, 200)}` });
}

function isEnvelope(body: unknown): body is ApiResult<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  return body.ok === false && 'error' in body && typeof (body.error as { code?: unknown })?.code === 'string';
}

function failure(error: ApiErrorShape): ApiResult<never> {
  return { ok: false, error };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface EventStreamOptions extends HttpBridgeOptions {
  fetchImpl: typeof fetch;
  baseUrl: string;
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void;
}

/**
 * One long-lived event stream, started on the first subscription and reconnected when it drops.
 * After a reconnect the current flows are re-sent as `flowUpdated`, so updates missed while the
 * stream was down are not lost.
 */
function createEventStream(options: EventStreamOptions): { ensureRunning(): void } {
  const { token, fetchImpl, baseUrl, emit, reconnectDelayMs = 500, maxReconnectDelayMs = 10_000 } = options;
  let running = false;

  async function connectOnce(): Promise<'dropped' | 'refused'> {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}/api/events`, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` }, cache: 'no-store' });
    } catch {
      return 'dropped';
    }
    if (response.status === 401 || response.status === 403) return 'refused';
    if (!response.ok || !response.body) return 'dropped';
    const parser = createParser({
      onEvent(message) {
        const name = message.event as EventName | undefined;
        if (!name || !EVENT_NAMES.includes(name)) return;
        try {
          emit(name, JSON.parse(message.data) as ApiEvents[typeof name]);
        } catch {
          // A malformed event is skipped; the next flowUpdated carries the whole snapshot anyway.
        }
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'dropped';
        parser.feed(value);
      }
    } catch {
      return 'dropped';
    }
  }

  async function resync(): Promise<void> {
    try {
      const response = await fetchImpl(`${baseUrl}/api/listFlows`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      const result = await readEnvelope(response);
      if (result.ok) for (const flow of result.value as ApiEvents['flowUpdated'][]) emit('flowUpdated', flow);
    } catch {
      // The stream itself will notice the server is gone and retry.
    }
  }

  async function run(): Promise<void> {
    let delay = reconnectDelayMs;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) void resync();
      const startedAt = Date.now();
      const outcome = await connectOnce();
      if (outcome === 'refused') {
        emit('notice', { level: 'error', message: 'The server refused the event stream: the browser-mode token is wrong or stale. Open the URL that `npm run web` printed.', at: new Date().toISOString() });
        running = false;
        return;
      }
      // A stream that stayed up a while was healthy: start the back-off afresh.
      if (Date.now() - startedAt > maxReconnectDelayMs) delay = reconnectDelayMs;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxReconnectDelayMs);
    }
  }

  return {
    ensureRunning() {
      if (running || !token) return;
      running = true;
      void run();
    },
  };
}
