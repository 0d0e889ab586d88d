import { createServer as createTlsServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTokenRequest, type TokenRequest } from '../../shared/token-request';
import { sendTokenRequest, TransportFailure } from './token-client';
import { closedPort, sendJson, startLocalServer, type LocalServer } from './test-support/local-server';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(handler: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const s = await startLocalServer(handler);
  servers.push(s);
  return s;
}

function request(tokenUrl: string): TokenRequest {
  return buildTokenRequest({ tokenUrl, code: 'the-code', redirectUri: 'http://127.0.0.1:1/cb', clientId: 'client', codeVerifier: 'v'.repeat(43), clientSecret: null, clientAuthentication: 'basic' });
}

async function failure(promise: Promise<unknown>): Promise<TransportFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TransportFailure);
  return err as TransportFailure;
}

describe('sendTokenRequest', () => {
  it('POSTs the body and headers exactly as built and returns the answer', async () => {
    const s = await server((_req, res) => sendJson(res, 200, { access_token: 'at', token_type: 'Bearer' }));
    const req = request(`${s.url}/token`);
    const answer = await sendTokenRequest(req);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ access_token: 'at', token_type: 'Bearer' });
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.truncated).toBe(false);
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]?.method).toBe('POST');
    expect(s.requests[0]?.body).toBe(req.body);
    expect(s.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('does not follow a redirect (the code must not be resent elsewhere)', async () => {
    const s = await server((req, res) => {
      if (req.url === '/token') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      } else sendJson(res, 200, { access_token: 'should-not-be-reached' });
    });
    const answer = await sendTokenRequest(request(`${s.url}/token`));
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/elsewhere');
    expect(s.requests.map((r) => r.url)).toEqual(['/token']);
  });

  it('stops reading past the size cap and marks the body truncated', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('x'.repeat(300_000));
    });
    const answer = await sendTokenRequest(request(`${s.url}/token`), { maxResponseBytes: 10_000 });
    expect(answer.truncated).toBe(true);
    expect(answer.body.length).toBe(10_000);
    expect(answer.limitBytes).toBe(10_000);
  });

  it('keeps a body of exactly the cap untruncated', async () => {
    const s = await server((_req, res) => res.end('y'.repeat(1000)));
    const answer = await sendTokenRequest(request(`${s.url}/token`), { maxResponseBytes: 1000 });
    expect(answer.truncated).toBe(false);
    expect(answer.body).toBe('y'.repeat(1000));
  });

  it('maps a refused connection to connection_refused', async () => {
    const port = await closedPort();
    const err = await failure(sendTokenRequest(request(`http://127.0.0.1:${port}/token`)));
    expect(err.flowError.kind).toBe('connection_refused');
    expect(err.flowError.message).toContain(`127.0.0.1:${port}`);
    expect(err.flowError.raw).toContain('ECONNREFUSED');
  });

  it('maps an unknown host to dns', async () => {
    const err = await failure(sendTokenRequest(request('http://no-such-host.invalid/token')));
    expect(err.flowError.kind).toBe('dns');
    expect(err.flowError.message).toContain('no-such-host.invalid');
  });

  it('maps a server that never answers to timeout', async () => {
    const s = await server(() => {
      /* never answers */
    });
    const err = await failure(sendTokenRequest(request(`${s.url}/token`), { timeoutMs: 300 }));
    expect(err.flowError.kind).toBe('timeout');
    expect(err.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('times out a body that stalls after the headers', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"access_token":');
    });
    const err = await failure(sendTokenRequest(request(`${s.url}/token`), { timeoutMs: 300 }));
    expect(err.flowError.kind).toBe('timeout');
  });

  it('maps a connection dropped mid-answer to network', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"access');
      setTimeout(() => res.destroy(), 20);
    });
    const err = await failure(sendTokenRequest(request(`${s.url}/token`)));
    expect(err.flowError.kind).toBe('network');
  });

  it('maps https to a plain-http server to tls', async () => {
    const s = await server((_req, res) => res.end('plain'));
    const err = await failure(sendTokenRequest(request(`https://127.0.0.1:${s.port}/token`)));
    expect(err.flowError.kind).toBe('tls');
  });

  it('reports cancellation through the flow signal as cancelled, not as a network error', async () => {
    const s = await server(() => {
      /* never answers */
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await failure(sendTokenRequest(request(`${s.url}/token`), { signal: controller.signal }));
    expect(err.flowError.kind).toBe('cancelled');
  });

  const hasOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasOpenssl)('maps a self-signed certificate to tls with advice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkce-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
      const tls = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      servers.push({ close: () => new Promise<void>((resolve) => tls.close(() => resolve())) });
      const { port } = tls.address() as AddressInfo;
      const err = await failure(sendTokenRequest(request(`https://127.0.0.1:${port}/token`)));
      expect(err.flowError.kind).toBe('tls');
      expect(err.flowError.message).toMatch(/self-signed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
