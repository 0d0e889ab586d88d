// The HTTP client with a client certificate: the same rules as without (timeout, size cap, no
// redirects followed), against a real local HTTPS server that asks for a certificate.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHttpRequest, TransportFailure } from '../flow/token-client';
import { checkClientCertificate } from './client-certificate';
import { createTestPki, trustTestCa, type TestPki } from './test-support/test-pki';

let pki: TestPki;
let untrust: () => void;
const servers: Server[] = [];

async function serve(options: { rejectUnauthorized: boolean }, handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer({ key: pki.server.keyPem, cert: pki.server.certPem, ca: pki.ca.certPem, requestCert: true, rejectUnauthorized: options.rejectUnauthorized }, handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  pki = createTestPki();
  untrust = trustTestCa(pki.ca.certPem);
});
afterAll(() => {
  untrust();
  for (const server of servers) server.closeAllConnections();
  for (const server of servers) server.close();
});

const material = (which: 'client' | 'selfSigned') => checkClientCertificate({ format: 'pem', certificate: pki[which].certPem, privateKey: pki[which].keyPem }).material;
const post = (url: string) => ({ url, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=authorization_code&code=c' });

describe('sending with a client certificate', () => {
  it('presents the certificate (PEM or PKCS#12) and reads the answer as fetch would', async () => {
    const url = await serve({ rejectUnauthorized: false }, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const peer = (req.socket as TLSSocket).getPeerX509Certificate();
        res.writeHead(200, 'OK', { 'content-type': 'application/json' }).end(JSON.stringify({ subject: peer?.subject ?? null, authorized: (req.socket as TLSSocket).authorized, body }));
      });
    });
    const answer = await sendHttpRequest(post(`${url}/token`), { clientCertificate: material('client') });
    expect(answer).toMatchObject({ status: 200, statusText: 'OK', truncated: false });
    expect(JSON.parse(answer.body)).toEqual({ subject: 'CN=pkce-inspector-mtls\nO=PKCE Inspector Tests', authorized: true, body: 'grant_type=authorization_code&code=c' });
    const pkcs12 = checkClientCertificate({ format: 'pkcs12', pkcs12Base64: pki.pkcs12Base64, password: pki.pkcs12Password }).material;
    expect(JSON.parse((await sendHttpRequest(post(`${url}/token`), { clientCertificate: pkcs12 })).body)).toMatchObject({ authorized: true });
  });

  it('keeps the size cap, does not follow redirects, times out (headers and body) and can be cancelled', async () => {
    const url = await serve({ rejectUnauthorized: false }, (req, res) => {
      if (req.url === '/big') res.end('x'.repeat(5_000));
      else if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (req.url === '/stalls') res.writeHead(200, { 'content-type': 'application/json' }).write('{"access_token":');
      // '/slow': never answers
    });
    const big = await sendHttpRequest({ url: `${url}/big`, method: 'GET', headers: {} }, { clientCertificate: material('client'), maxResponseBytes: 1_000 });
    expect(big).toMatchObject({ truncated: true, limitBytes: 1_000 });
    expect(big.body).toHaveLength(1_000);
    const moved = await sendHttpRequest({ url: `${url}/moved`, method: 'GET', headers: {} }, { clientCertificate: material('client') });
    expect(moved).toMatchObject({ status: 302, headers: expect.objectContaining({ location: '/elsewhere' }) });
    const slow = await sendHttpRequest(post(`${url}/slow`), { clientCertificate: material('client'), timeoutMs: 300 }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(TransportFailure);
    expect((slow as TransportFailure).flowError).toMatchObject({ kind: 'timeout' });
    // The timeout covers the body too.
    const stalls = await sendHttpRequest({ url: `${url}/stalls`, method: 'GET', headers: {} }, { clientCertificate: material('client'), timeoutMs: 300 }).catch((e: unknown) => e);
    expect((stalls as TransportFailure).flowError).toMatchObject({ kind: 'timeout' });
    // A cancelled flow's signal: the request is abandoned, said as such.
    const controller = new AbortController();
    const cancelled = sendHttpRequest(post(`${url}/slow`), { clientCertificate: material('client'), signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 50);
    expect(((await cancelled) as TransportFailure).flowError).toMatchObject({ kind: 'cancelled' });
  });

  it('refuses to present a certificate over plain http, saying why', async () => {
    const failure = await sendHttpRequest(post('http://127.0.0.1:9/token'), { clientCertificate: material('client') }).catch((e: unknown) => e);
    expect((failure as TransportFailure).flowError.message).toMatch(/A client certificate is presented only over TLS, and http:\/\/127\.0\.0\.1:9 is not https/);
  });

  it('explains a server that refuses the certificate in the TLS handshake', async () => {
    const url = await serve({ rejectUnauthorized: true }, (_req, res) => res.end('never'));
    const failure = await sendHttpRequest(post(`${url}/token`), { clientCertificate: material('selfSigned') }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransportFailure);
    const { flowError } = failure as TransportFailure;
    // Node (like many TLS 1.3 servers) closes the connection without an alert: the advice says what it likely means.
    expect(flowError.kind).toBe('network');
    expect(flowError.message).toMatch(/A client certificate was presented: the server may have refused it/);
  });
});
