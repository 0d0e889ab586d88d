// Browser mode's server, over real HTTP on 127.0.0.1: its security checks and the contract round trip.
import { rm } from 'node:fs/promises';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvents, ApiHandlers, EventName } from '../../shared/contract';
import { startWebServer, type WebServer } from './server';
import { makeRendererDir, openEventStream } from './test-support';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request (fetch would fix up Host and refuse to send some of what these tests need). */
function send(server: WebServer, path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...init.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

const json = (server: WebServer, method: string, body: unknown, headers: Record<string, string> = {}) =>
  send(server, `/api/${method}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers } });

let rendererDir: string;
let server: WebServer;
let emit: <E extends EventName>(event: E, payload: ApiEvents[E]) => void = () => {};
const internalErrors: string[] = [];
const renamed: unknown[] = [];

// Transport tests need handlers that answer; the real ones are exercised by the e2e tests.
const handlers = new Proxy({} as ApiHandlers, {
  get(_target, method: string) {
    if (method === 'getAppInfo') return async () => ({ runtime: 'web', version: '0.0.0-test', platform: 'linux', scheme: 'x', authorizeModes: ['browser-loopback'], keychain: { available: false } });
    if (method === 'renameProfile') return async (input: unknown) => { renamed.push(input); return { id: 'p1', name: (input as { name: string }).name }; };
    return async () => { throw new Error(`${method} exploded`); };
  },
});

beforeAll(async () => {
  rendererDir = await makeRendererDir();
  server = await startWebServer({
    handlers,
    subscribe(listener) {
      emit = listener;
      return () => { emit = () => {}; };
    },
    rendererDir,
    port: 0,
    maxBodyBytes: 64 * 1024,
    logError: (m) => internalErrors.push(m),
  });
});

afterAll(async () => {
  await server?.close();
  await rm(rendererDir, { recursive: true, force: true });
});

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 with a 32-byte base64url token in the URL fragment', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
  });

  it('serves the renderer with the strict CSP and security headers', async () => {
    const page = await send(server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('PKCE Inspector');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-cache');

    const script = await send(server, '/assets/index-AbCdEf12.js');
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.headers['cache-control']).toContain('immutable');
    const again = await send(server, '/assets/index-AbCdEf12.js', { headers: { 'If-None-Match': String(script.headers.etag) } });
    expect(again.status).toBe(304);
  });

  it('serves no file outside the build: traversal gets 404', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/../../package.json', '/..%2fpackage.json', '/nope.html']) {
      const reply = await send(server, path);
      expect(reply.status, path).toBe(404);
    }
  });

  it('refuses a Host other than 127.0.0.1:<port> or localhost:<port> (DNS rebinding)', async () => {
    expect((await send(server, '/', { headers: { Host: 'evil.example:' + server.port } })).status).toBe(421);
    expect((await send(server, '/', { headers: { Host: '127.0.0.1:1' } })).status).toBe(421);
    expect((await json(server, 'getAppInfo', {}, { Host: 'rebind.example' })).status).toBe(421);
    expect((await send(server, '/', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('refuses API calls without the token (401) or with a wrong one (403)', async () => {
    const missing = await send(server, '/api/getAppInfo', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await json(server, 'getAppInfo', {}, { Authorization: 'Bearer ' + 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).error.code).toBe('forbidden');
    const events = await send(server, '/api/events');
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const reply = await json(server, 'getAppInfo', {}, { Origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).error.message).toMatch(/other origins/);
    const own = await json(server, 'getAppInfo', {}, { Origin: server.origin });
    expect(own.status).toBe(200);
    const viaLocalhost = await json(server, 'getAppInfo', {}, { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` });
    expect(viaLocalhost.status).toBe(200);
    // Same port, other host name: a different origin from the page's point of view.
    const mixed = await json(server, 'getAppInfo', {}, { Origin: `http://localhost:${server.port}` });
    expect(mixed.status).toBe(403);
    const https = await json(server, 'getAppInfo', {}, { Origin: `https://127.0.0.1:${server.port}` });
    expect(https.status).toBe(403);
  });

  it('calls methods only with POST, JSON and a body under the cap', async () => {
    const get = await send(server, '/api/getAppInfo', { headers: { Authorization: `Bearer ${server.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const form = await send(server, '/api/getAppInfo', { method: 'POST', body: 'a=1', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const bigBody = JSON.stringify({ id: 'p1', name: 'x'.repeat(100 * 1024) });
    const declared = await send(server, '/api/renameProfile', { method: 'POST', body: bigBody, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(bigBody)) } });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toMatch(/larger than 65536 bytes/);
    // Chunked, so the cap is found while reading rather than from Content-Length.
    const streamed = await send(server, '/api/renameProfile', { method: 'POST', body: bigBody, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } });
    expect(streamed.status).toBe(413);
    expect(renamed).toEqual([]);
    const broken = await send(server, '/api/getAppInfo', { method: 'POST', body: '{"oops', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.code).toBe('invalid_input');
    const unknown = await json(server, 'deleteEverything', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('not_found');
  });

  it('answers an invalid payload with an invalid_input envelope naming the field', async () => {
    const reply = await json(server, 'renameProfile', { id: 'p1', name: '' });
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body);
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(body.error.fields[0].field).toBe('name');
    const extra = JSON.parse((await json(server, 'getAppInfo', { sneaky: true })).body);
    expect(extra.error.code).toBe('invalid_input');
  });

  it('round-trips the contract: validated input in, value out; handler failures become envelopes', async () => {
    const info = JSON.parse((await json(server, 'getAppInfo', {})).body);
    expect(info).toEqual({ ok: true, value: expect.objectContaining({ runtime: 'web', authorizeModes: ['browser-loopback'] }) });
    const renamedReply = JSON.parse((await json(server, 'renameProfile', { id: 'p1', name: '  Azure dev  ' })).body);
    // The schema trims the name before the handler sees it: proof the input went through dispatch().
    expect(renamedReply.value.name).toBe('Azure dev');
    expect(renamed.at(-1)).toEqual({ id: 'p1', name: 'Azure dev' });
    const failed = JSON.parse((await json(server, 'listFlows', {})).body);
    expect(failed).toEqual({ ok: false, error: { code: 'internal', message: 'listFlows exploded' } });
    expect(internalErrors.at(-1)).toContain('listFlows exploded');
  });

  it('streams events as Server-Sent Events to an authorised client', async () => {
    const stream = await openEventStream(server.origin, server.token);
    await stream.until(': connected');
    emit('notice', { level: 'info', message: 'hello', at: '2026-01-01T00:00:00.000Z' });
    const text = await stream.until('hello');
    expect(text).toContain('event: notice\ndata: {"level":"info","message":"hello","at":"2026-01-01T00:00:00.000Z"}\n\n');
    stream.close();
  });
});

describe('browser-mode server start-up', () => {
  it('without a renderer build, says to build it, subscribes to nothing and frees the port', async () => {
    const empty = await makeRendererDir();
    await rm(join(empty, 'index.html'));
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const subscribed: string[] = [];
    await expect(startWebServer({ handlers, subscribe: () => (subscribed.push('x'), () => {}), rendererDir: empty, port })).rejects.toThrow(/build the renderer first/);
    expect(subscribed).toEqual([]);
    // The port it had bound is released again.
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await rm(empty, { recursive: true, force: true });
  });
});
