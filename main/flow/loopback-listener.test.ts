import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { escapeHtml } from './callback-page';
import { loopbackBindTarget, redirectUriFor, startLoopbackListener, type CallbackVerdict, type LoopbackListener } from './loopback-listener';
import { closedPort } from './test-support/local-server';

const open: LoopbackListener[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

async function listener(callbackUrl: string, verdict: (url: string) => CallbackVerdict = () => ({ accepted: true })) {
  const calls: string[] = [];
  const l = await startLoopbackListener({
    callbackUrl,
    onCallback: async (url) => {
      calls.push(url);
      return verdict(url);
    },
  });
  open.push(l);
  return { l, calls };
}

describe('loopbackBindTarget', () => {
  it('binds loopback literals only, localhost as 127.0.0.1 but keeps its name', () => {
    expect(loopbackBindTarget('http://127.0.0.1/callback')).toEqual({ address: '127.0.0.1', uriHost: '127.0.0.1', port: 0, path: '/callback' });
    expect(loopbackBindTarget('http://localhost:8123/cb')).toEqual({ address: '127.0.0.1', uriHost: 'localhost', port: 8123, path: '/cb' });
    expect(loopbackBindTarget('http://[::1]:9000/')).toEqual({ address: '::1', uriHost: '[::1]', port: 9000, path: '/' });
    expect(() => loopbackBindTarget('http://0.0.0.0/callback')).toThrow(ApiError);
    expect(() => loopbackBindTarget('https://127.0.0.1/callback')).toThrow(/http:\/\//);
  });
});

describe('redirectUriFor', () => {
  it('sends the Callback URL as typed (IdPs compare strings), with the bound port put in when it had none', () => {
    expect(redirectUriFor('http://127.0.0.1/callback', 50123)).toBe('http://127.0.0.1:50123/callback');
    expect(redirectUriFor('http://localhost:3000', 3000)).toBe('http://localhost:3000');
    expect(redirectUriFor('http://localhost:3000/', 3000)).toBe('http://localhost:3000/');
    expect(redirectUriFor('http://localhost', 50123)).toBe('http://localhost:50123');
    expect(redirectUriFor('http://127.0.0.1:8400/cb?tenant=acme', 8400)).toBe('http://127.0.0.1:8400/cb?tenant=acme');
    expect(redirectUriFor('http://127.0.0.1/cb?tenant=acme', 50123)).toBe('http://127.0.0.1:50123/cb?tenant=acme');
    expect(redirectUriFor('  http://[::1]/callback ', 50123)).toBe('http://[::1]:50123/callback');
    expect(redirectUriFor('http://127.0.0.1:/cb', 50123)).toBe('http://127.0.0.1:50123/cb');
    expect(redirectUriFor('http://127.0.0.1:80/cb', 50123)).toBe('http://127.0.0.1:50123/cb');
    expect(redirectUriFor('http://LocalHost:3000/CB', 3000)).toBe('http://LocalHost:3000/CB');
  });
});

describe('startLoopbackListener', () => {
  it('keeps a Callback URL without a path as typed, and takes the redirect on /', async () => {
    const port = await closedPort();
    const { l, calls } = await listener(`http://localhost:${port}`);
    expect(l.redirectUri).toBe(`http://localhost:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/?code=c&state=s`)).status).toBe(200);
    expect(calls).toEqual([`http://localhost:${port}/?code=c&state=s`]);
  });

  it('keeps the query of a Callback URL, and takes the redirect that carries it', async () => {
    const { l, calls } = await listener('http://127.0.0.1/cb?tenant=acme');
    expect(l.redirectUri).toBe(`http://127.0.0.1:${l.port}/cb?tenant=acme`);
    expect((await fetch(`${l.redirectUri}&code=c&state=s`)).status).toBe(200);
    expect(calls).toEqual([`http://127.0.0.1:${l.port}/cb?tenant=acme&code=c&state=s`]);
  });

  it('takes an ephemeral port when the Callback URL has none, and hands on the exact callback', async () => {
    const { l, calls } = await listener('http://127.0.0.1/callback');
    expect(l.port).toBeGreaterThan(0);
    expect(l.redirectUri).toBe(`http://127.0.0.1:${l.port}/callback`);
    const res = await fetch(`${l.redirectUri}?code=the-code&state=s`);
    expect(res.status).toBe(200);
    expect(calls).toEqual([`${l.redirectUri}?code=the-code&state=s`]);
    const page = await res.text();
    expect(page).toContain('Sign-in received');
    expect(page).not.toContain('the-code');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page).not.toMatch(/<script|<img|<link|src=|href=/i);
  });

  it('listens on a fixed port and refuses a port already in use with a clear error', async () => {
    const port = await closedPort();
    const { l } = await listener(`http://127.0.0.1:${port}/cb`);
    expect(l.redirectUri).toBe(`http://127.0.0.1:${port}/cb`);
    const busy = await startLoopbackListener({ callbackUrl: `http://127.0.0.1:${port}/cb`, onCallback: async () => ({ accepted: true }) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(busy).toBeInstanceOf(ApiError);
    expect(busy).toMatchObject({ code: 'invalid_settings', fields: [{ field: 'callbackUrl' }], message: expect.stringContaining(`Port ${port} on 127.0.0.1 is already in use`) });
  });

  it('keeps localhost in the redirect URI while bound to 127.0.0.1', async () => {
    const { l, calls } = await listener('http://localhost/done');
    expect(l.redirectUri).toBe(`http://localhost:${l.port}/done`);
    await fetch(`http://127.0.0.1:${l.port}/done?error=access_denied&state=s`);
    expect(calls).toEqual([`http://localhost:${l.port}/done?error=access_denied&state=s`]);
  });

  const hasIpv6Loopback = Object.values(networkInterfaces()).flat().some((i) => i?.internal && i.family === 'IPv6' && i.address === '::1');
  it.skipIf(!hasIpv6Loopback)('listens on [::1] when the Callback URL says so', async () => {
    const { l, calls } = await listener('http://[::1]/callback');
    expect(l.boundAddress).toBe('::1');
    expect(l.redirectUri).toBe(`http://[::1]:${l.port}/callback`);
    expect((await fetch(`${l.redirectUri}?code=c&state=s`)).status).toBe(200);
    expect(calls).toEqual([`http://[::1]:${l.port}/callback?code=c&state=s`]);
  });

  it('answers 404 to everything but a GET on the exact path with code or error, without ending anything', async () => {
    const { l, calls } = await listener('http://127.0.0.1/callback');
    const base = `http://127.0.0.1:${l.port}`;
    const attempts = [
      fetch(`${base}/favicon.ico`),
      fetch(`${base}/callback`),
      fetch(`${base}/callback?state=only`),
      fetch(`${base}/callback/?code=x&state=s`),
      fetch(`${base}/other?code=x&state=s`),
      fetch(`${base}/callback?code=x&state=s`, { method: 'POST' }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(404);
    expect(calls).toEqual([]);
    expect((await fetch(`${base}/callback?code=x&state=s`)).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('rebuilds the URL on its own origin, whatever Host header the client sends', async () => {
    const { l, calls } = await listener('http://127.0.0.1/callback');
    await fetch(`http://127.0.0.1:${l.port}/callback?code=x&state=s`, { headers: { host: 'evil.example' } });
    expect(calls).toEqual([`http://127.0.0.1:${l.port}/callback?code=x&state=s`]);
  });

  it('shows the IdP error HTML-escaped, and a refusal with its reason', async () => {
    const { l } = await listener('http://127.0.0.1/callback', (url) => (url.includes('state=bad') ? { accepted: false, reason: 'No flow is waiting for state "bad".' } : { accepted: true }));
    const evil = '<script>alert(1)</script>';
    const res = await fetch(`${l.redirectUri}?error=access_denied&error_description=${encodeURIComponent(evil)}&state=s`);
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toContain('access_denied');
    expect(page).toContain(escapeHtml(evil));
    expect(page).not.toContain(evil);

    const refused = await fetch(`${l.redirectUri}?code=secret-code&state=bad`);
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('not accepted');
    expect(refusedPage).toContain('No flow is waiting for state &quot;bad&quot;.');
    expect(refusedPage).not.toContain('secret-code');
  });

  it('is reachable on the loopback interface only', async () => {
    const { l } = await listener('http://127.0.0.1/callback');
    expect(l.boundAddress).toBe('127.0.0.1');
    const local = await listener('http://localhost/callback');
    expect(local.l.boundAddress).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const err = await fetch(`http://${external.address}:${l.port}/callback?code=x&state=s`, { signal: AbortSignal.timeout(2000) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeDefined();
    }
  });

  it('closes: the port is released and a late request is refused', async () => {
    const { l } = await listener('http://127.0.0.1/callback');
    await l.close();
    const err = await fetch(`${l.redirectUri}?code=x&state=s`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    const again = await startLoopbackListener({ callbackUrl: `http://127.0.0.1:${l.port}/callback`, onCallback: async () => ({ accepted: true }) });
    open.push(again);
    expect(again.port).toBe(l.port);
  });

  it('lets the callback answer finish even when closed while the router is still working', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const l = await startLoopbackListener({
      callbackUrl: 'http://127.0.0.1/callback',
      onCallback: async () => {
        await gate;
        return { accepted: true };
      },
    });
    const pending = fetch(`${l.redirectUri}?code=x&state=s`);
    await new Promise((r) => setTimeout(r, 50));
    const closed = l.close();
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Sign-in received');
    await closed;
  });
});

describe('loopback listener after a sign-out (RP-Initiated Logout)', () => {
  it('hands on the return carrying only state, on the exact path, and says "Signed out"', async () => {
    const calls: string[] = [];
    const l = await startLoopbackListener({ callbackUrl: 'http://127.0.0.1/callback', expects: 'post-logout', onCallback: async (url) => (calls.push(url), { accepted: true }) });
    open.push(l);
    expect((await fetch(`http://127.0.0.1:${l.port}/other?state=s`)).status).toBe(404);
    const page = await fetch(`${l.redirectUri}?state=s1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Signed out');
    expect(calls).toEqual([`${l.redirectUri}?state=s1`]);
  });

  it('an authorization listener still ignores a visit without code or error', async () => {
    const { l, calls } = await listener('http://127.0.0.1/callback');
    expect((await fetch(`${l.redirectUri}?state=s1`)).status).toBe(404);
    expect(calls).toEqual([]);
  });
});
