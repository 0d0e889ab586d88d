// A misbehaving PAR endpoint (a real HTTP server on 127.0.0.1): every way a push can go wrong fails
// the flow with kind par_failed, a message saying why, the exchange in the trace, no browser opened
// and the loopback listener closed. A missing expires_in only warns.
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { FlowEngine } from '../flow/flow-engine';
import { closedPort, sendJson, startLocalServer, type LocalHandler } from '../flow/test-support/local-server';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function pushTo(handler: LocalHandler, overrides: Partial<FlowSettings> = {}) {
  const server = await startLocalServer(handler);
  const launcher = new RecordingLauncher();
  const engine = new FlowEngine({ launcher, tokenTimeoutMs: 2_000 });
  cleanups.push(() => engine.dispose(), () => server.close());
  const settings: FlowSettings = {
    ...defaultFlowSettings(),
    authUrl: `${server.url}/authorize?tenant=t1`,
    accessTokenUrl: `${server.url}/token`,
    clientId: 'client-1',
    usePar: true,
    parUrl: `${server.url}/par`,
    ...overrides,
  };
  const flow = await engine.start({ settings, profileId: null, clientSecret: null });
  return { flow, server, launcher };
}

async function expectNothingListening(flow: FlowSnapshot): Promise<void> {
  await expect(fetch(`${flow.redirectUri}?code=c&state=${flow.state}`)).rejects.toThrow();
}

describe('a PAR endpoint that misbehaves', () => {
  it('400 with error and error_description: both shown, the push and the answer in the trace', async () => {
    const { flow, server, launcher } = await pushTo((_req, res) => sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri not allowed' }));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/par', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(new URLSearchParams(server.requests[0]!.body).get('code_challenge')).toBe(flow.pkce.challenge);
    expect(flow.status).toBe('failed');
    expect(flow.error).toMatchObject({ kind: 'par_failed', error: 'invalid_request', errorDescription: 'redirect_uri not allowed', httpStatus: 400 });
    expect(flow.trace.map((t) => t.kind)).toEqual(['par_request', 'par_response']);
    expect(launcher.opened).toEqual([]);
    await expectNothingListening(flow);
  });

  it('a success other than 201 Created is not taken for one', async () => {
    const { flow, launcher } = await pushTo((_req, res) => sendJson(res, 200, { request_uri: 'urn:x', expires_in: 60 }));
    expect(flow.error).toMatchObject({ kind: 'par_failed', httpStatus: 200, message: expect.stringMatching(/^The PAR endpoint answered HTTP 200 OK with a JSON body, not 201 Created with a request_uri \(RFC 9126 2\.2\)/) });
    expect(launcher.opened).toEqual([]);
  });

  it('an HTML error page, and a 201 without request_uri', async () => {
    const html = await pushTo((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>'));
    expect(html.flow.error).toMatchObject({ kind: 'par_failed', httpStatus: 502, raw: '<html>Bad gateway</html>', message: expect.stringMatching(/HTTP 502 Bad Gateway with a body that is not JSON/) });
    const empty = await pushTo((_req, res) => sendJson(res, 201, { expires_in: 60 }));
    expect(empty.flow.error).toMatchObject({ kind: 'par_failed', message: expect.stringMatching(/201 Created without a request_uri/) });
    await expectNothingListening(empty.flow);
  });

  it('nothing listening at the PAR URL: a network failure that names the PAR URL', async () => {
    const port = await closedPort();
    const { flow, launcher } = await pushTo(() => undefined, { parUrl: `http://127.0.0.1:${port}/par` });
    expect(flow.error).toMatchObject({ kind: 'par_failed', message: expect.stringMatching(/connection was refused\. Check the host and port of the PAR URL.* No browser was opened\.$/) });
    expect(flow.trace.map((t) => t.kind)).toEqual(['par_request', 'note']);
    expect(launcher.opened).toEqual([]);
  });

  it('a 201 without expires_in goes on with a warning; the browser URL keeps the Auth URL\'s own query', async () => {
    const { flow, launcher } = await pushTo((_req, res) => sendJson(res, 201, { request_uri: 'urn:ietf:params:oauth:request_uri:abc' }));
    expect(flow.status).toBe('awaiting-redirect');
    expect(flow.par).toEqual({ endpoint: expect.stringMatching(/\/par$/), requestUri: 'urn:ietf:params:oauth:request_uri:abc', pushedAt: expect.any(String) });
    expect(flow.trace.find((t) => t.kind === 'note' && t.level === 'warning')).toMatchObject({ message: expect.stringMatching(/no expires_in: RFC 9126 2\.2 requires/) });
    expect(launcher.opened[0]?.url).toBe(`${new URL(flow.authorizationUrl).origin}/authorize?tenant=t1&client_id=client-1&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc`);
  });

  it('extra authorization parameters: Send as Header rows go on the push as headers, the others in its body', async () => {
    const { server } = await pushTo((_req, res) => sendJson(res, 201, { request_uri: 'urn:x', expires_in: 30 }), {
      extraAuthParams: [
        { key: 'prompt', value: 'login', enabled: true },
        { key: 'x-tenant', value: 'blue', enabled: true, sendAs: 'header' },
      ],
    });
    const [request] = server.requests;
    expect(request?.headers['x-tenant']).toBe('blue');
    expect(new URLSearchParams(request?.body).get('prompt')).toBe('login');
    expect(new URLSearchParams(request?.body).has('x-tenant')).toBe(false);
  });

  it('cancelled while the push is under way: the flow is cancelled, nothing opened', async () => {
    const server = await startLocalServer(() => new Promise(() => undefined));
    const launcher = new RecordingLauncher();
    const engine: FlowEngine = new FlowEngine({ launcher, onUpdate: (s) => s.trace.some((t) => t.kind === 'par_request') && s.status === 'created' && engine.cancel(s.flowId) });
    cleanups.push(() => engine.dispose(), () => server.close());
    const flow = await engine.start({ settings: { ...defaultFlowSettings(), authUrl: `${server.url}/a`, accessTokenUrl: `${server.url}/t`, clientId: 'c', usePar: true, parUrl: `${server.url}/par` }, profileId: null, clientSecret: null });
    expect(flow.status).toBe('cancelled');
    expect(launcher.opened).toEqual([]);
  });
});
