// The HTTP bridge against a scripted fetch: what it sends, how it reads answers, and how its event
// stream parses, drops and reconnects (the real server is covered by main/web and the e2e tests).
import { describe, expect, it, vi } from 'vitest';
import type { ApiEvents } from '../../shared/contract';
import { createHttpBridge } from './http-bridge';

type FetchCall = { url: string; init: RequestInit | undefined };

/** A stream the test writes SSE text into and can end, as a dropped connection would. */
function sseStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return { body, write: (text: string) => controller.enqueue(encoder.encode(text)), end: () => controller.close() };
}

function scriptedFetch(answer: (call: FetchCall) => Response | Promise<Response>) {
  const calls: FetchCall[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init };
    calls.push(call);
    return answer(call);
  }) as unknown as typeof fetch;
  return { fetchImpl, calls };
}

const jsonResponse = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const until = async (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 2_000, interval: 5 });

describe('HTTP bridge: methods', () => {
  it('POSTs JSON with the bearer token to /api/<method> and returns the envelope', async () => {
    const { fetchImpl, calls } = scriptedFetch(() => jsonResponse({ ok: true, value: { deleted: true } }));
    const bridge = createHttpBridge({ token: 'tok', baseUrl: 'http://127.0.0.1:1', fetchImpl });
    await expect(bridge.deleteProfile({ id: 'p1' })).resolves.toEqual({ ok: true, value: { deleted: true } });
    expect(calls[0]!.url).toBe('http://127.0.0.1:1/api/deleteProfile');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: '{"id":"p1"}', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok' } });
  });

  it("passes the server's error envelopes through, whatever the HTTP status", async () => {
    const { fetchImpl } = scriptedFetch(() => jsonResponse({ ok: false, error: { code: 'forbidden', message: 'wrong token' } }, 403));
    const bridge = createHttpBridge({ token: 'tok', fetchImpl });
    await expect(bridge.getAppInfo({})).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: 'wrong token' } });
  });

  it('turns an unreachable server or a non-JSON answer into a readable error', async () => {
    const down = createHttpBridge({ token: 'tok', fetchImpl: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch });
    const result = await down.listFlows({});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('npm run web') } });
    const html = createHttpBridge({ token: 'tok', fetchImpl: (async () => new Response('<h1>Bad gateway</h1>', { status: 502 })) as typeof fetch });
    expect(await html.listFlows({})).toMatchObject({ ok: false, error: { message: expect.stringContaining('HTTP 502') } });
  });

  it('without a token, explains how to get one and sends nothing', async () => {
    const { fetchImpl, calls } = scriptedFetch(() => jsonResponse({ ok: true, value: null }));
    const bridge = createHttpBridge({ token: null, fetchImpl });
    expect(await bridge.getAppInfo({})).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('#token=') } });
    bridge.on('notice', () => {});
    expect(calls).toHaveLength(0);
  });
});

describe('HTTP bridge: events', () => {
  it('reads Server-Sent Events with the token in a header, never in the URL', async () => {
    const stream = sseStream();
    const { fetchImpl, calls } = scriptedFetch(() => new Response(stream.body, { headers: { 'Content-Type': 'text/event-stream' } }));
    const bridge = createHttpBridge({ token: 'tok', fetchImpl });
    const notices: ApiEvents['notice'][] = [];
    bridge.on('notice', (n) => notices.push(n));
    await until(() => calls.length === 1);
    expect(calls[0]!.url).toBe('/api/events');
    expect(calls[0]!.init?.headers).toMatchObject({ Authorization: 'Bearer tok' });

    stream.write(': connected\n\nevent: notice\ndata: {"level":"info","mess');
    stream.write('age":"split across chunks","at":"t"}\n\nevent: unknownEvent\ndata: {}\n\nevent: notice\ndata: not json\n\n');
    stream.write('event: notice\ndata: {"level":"warning","message":"second","at":"t"}\n\n');
    await until(() => notices.length === 2);
    expect(notices.map((n) => n.message)).toEqual(['split across chunks', 'second']);
  });

  it('reconnects a dropped stream and re-sends current flows so nothing is missed', async () => {
    const streams = [sseStream(), sseStream()];
    let opened = 0;
    const { fetchImpl, calls } = scriptedFetch((call) => {
      if (call.url.endsWith('/api/listFlows')) return jsonResponse({ ok: true, value: [{ flowId: 'f1', status: 'done' }] });
      return new Response(streams[opened++]!.body, { headers: { 'Content-Type': 'text/event-stream' } });
    });
    const bridge = createHttpBridge({ token: 'tok', fetchImpl, reconnectDelayMs: 10 });
    const updates: string[] = [];
    bridge.on('flowUpdated', (f) => updates.push(`${f.flowId}:${f.status}`));
    await until(() => opened === 1);
    streams[0]!.write('event: flowUpdated\ndata: {"flowId":"f1","status":"awaiting-redirect"}\n\n');
    await until(() => updates.length === 1);
    streams[0]!.end();
    await until(() => opened === 2 && updates.length === 2);
    expect(updates).toEqual(['f1:awaiting-redirect', 'f1:done']);
    expect(calls.filter((c) => c.url.endsWith('/api/listFlows'))).toHaveLength(1);
  });

  it('stops and says why when the server refuses the token', async () => {
    const { fetchImpl, calls } = scriptedFetch(() => jsonResponse({ ok: false, error: { code: 'forbidden', message: 'x' } }, 403));
    const bridge = createHttpBridge({ token: 'stale', fetchImpl, reconnectDelayMs: 1 });
    const notices: string[] = [];
    bridge.on('notice', (n) => notices.push(n.message));
    await until(() => notices.length === 1);
    expect(notices[0]).toMatch(/token is wrong or stale/);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toHaveLength(1);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const stream = sseStream();
    const { fetchImpl } = scriptedFetch(() => new Response(stream.body));
    const bridge = createHttpBridge({ token: 'tok', fetchImpl });
    const heard: string[] = [];
    const off = bridge.on('notice', (n) => heard.push(n.message));
    const kept: string[] = [];
    bridge.on('notice', (n) => kept.push(n.message));
    stream.write('event: notice\ndata: {"level":"info","message":"one","at":"t"}\n\n');
    await until(() => heard.length === 1);
    off();
    stream.write('event: notice\ndata: {"level":"info","message":"two","at":"t"}\n\n');
    await until(() => kept.length === 2);
    expect(heard).toEqual(['one']);
  });
});
