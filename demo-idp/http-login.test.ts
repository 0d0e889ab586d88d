// The login helper must work on pages it has never seen: it reads forms from the HTML rather than
// assuming field names. Proven here on a hand-made login site and on oidc-provider's own dev pages.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpLoginError, loginOverHttp } from './http-login';
import { generateCookieKeys, generateSigningJwks } from './keys';
import { withoutExpectedNotices } from './quiet-notices';
import { TTL } from './config';
import { buildAuthorizationUrl } from '../shared/authorize-url';
import { computeCodeChallenge, generateCodeVerifier } from '../shared/pkce';
import { parseRedirect } from '../shared/redirect';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/** A login site with unusual field names, a CSRF field, checkboxes, a relative action and a session cookie. */
async function startOddLoginSite(callback: string) {
  const posts: { path: string; cookie: string | undefined; body: URLSearchParams }[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const html = (body: string, status = 200) => res.writeHead(status, { 'content-type': 'text/html' }).end(`<!doctype html><html><body>${body}</body></html>`);
    if (req.method === 'GET' && url.pathname === '/authorize') {
      res.setHeader('set-cookie', 'sid=abc123; Path=/; HttpOnly');
      return html(`<form method="post" action="login/submit?step=1">
        <input type="hidden" name="csrf" value="tok-42">
        <label>E-mail <input type="email" name="j_username"></label>
        <label>Secret <input type="password" name="j_secret"></label>
        <input type="checkbox" name="remember" value="yes" checked>
        <input type="checkbox" name="newsletter" value="yes">
        <button type="submit" name="action" value="signin">Log in</button>
      </form>`);
    }
    if (req.method === 'POST') {
      const body = new URLSearchParams(await readBody(req));
      posts.push({ path: `${url.pathname}${url.search}`, cookie: req.headers.cookie, body });
      if (url.pathname === '/login/submit') {
        if (body.get('j_secret') !== 'pw') return html('<p class="error">Bad credentials.</p><form method="post" action="/login/submit"><input name="u"><input type="password" name="j_secret"><button>Log in</button></form>', 401);
        return res.writeHead(302, { location: '/consent' }).end();
      }
      if (url.pathname === '/consent/deny') return res.writeHead(303, { location: `${callback}?error=access_denied` }).end();
      if (url.pathname === '/consent/allow') return res.writeHead(303, { location: `${callback}?code=the-code&state=s1` }).end();
    }
    if (req.method === 'GET' && url.pathname === '/consent') {
      return html(`<form method="post" action="/consent/deny"><input type="submit" value="Deny"></form>
        <form method="post" action="/consent/allow"><input type="hidden" name="grant" value="all"><button>Allow access</button></form>`);
    }
    return html('<h1>Nothing here</h1><p role="alert">Unknown page</p>', 404);
  });
  return { origin: await listen(server), posts };
}

describe('loginOverHttp', () => {
  it('fills an unknown login form by field type, keeps hidden and checked fields, carries cookies, and stops at the callback without requesting it', async () => {
    const site = await startOddLoginSite('http://127.0.0.1:9/cb');
    const finalUrl = await loginOverHttp(`${site.origin}/authorize?client_id=x`, { login: 'me@example.test', password: 'pw' });
    expect(finalUrl).toBe('http://127.0.0.1:9/cb?code=the-code&state=s1'); // port 9 is closed: it was never fetched
    const [login, consent] = site.posts;
    expect(login!.path).toBe('/login/submit?step=1');
    expect(login!.cookie).toBe('sid=abc123');
    expect([...login!.body.entries()]).toEqual([
      ['csrf', 'tok-42'],
      ['j_username', 'me@example.test'],
      ['j_secret', 'pw'],
      ['remember', 'yes'],
      ['action', 'signin'],
    ]);
    expect(consent!.path).toBe('/consent/allow');
    expect(consent!.body.get('grant')).toBe('all');
  });

  it('presses Deny when asked', async () => {
    const site = await startOddLoginSite('http://127.0.0.1:9/cb');
    expect(await loginOverHttp(`${site.origin}/authorize`, { password: 'pw', consent: 'deny' })).toBe('http://127.0.0.1:9/cb?error=access_denied');
  });

  it('reports a refused login with the page message, instead of posting forever', async () => {
    const site = await startOddLoginSite('http://127.0.0.1:9/cb');
    const attempt = loginOverHttp(`${site.origin}/authorize`, { password: 'nope' });
    await expect(attempt).rejects.toMatchObject({ name: 'HttpLoginError', message: 'Login refused: Bad credentials.', status: 401 });
    expect(site.posts).toHaveLength(1);
  });

  it('reports a page with no form, with its status and text', async () => {
    const site = await startOddLoginSite('http://127.0.0.1:9/cb');
    const error = await loginOverHttp(`${site.origin}/elsewhere`).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HttpLoginError);
    expect(error).toMatchObject({ status: 404, message: expect.stringMatching(/No login or consent form .* \(HTTP 404\): Unknown page/) });
  });

  it("works on oidc-provider's own development pages (any login, Continue, [ Cancel ])", async () => {
    // Those pages print a development warning by design; keep the test output clean.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = createServer();
    const issuer = await listen(server);
    const provider = await withoutExpectedNotices(
      async () =>
        new (await import('oidc-provider')).default(issuer, {
          ttl: { ...TTL },
          jwks: (await generateSigningJwks()) as never,
          cookies: { keys: generateCookieKeys() },
          clients: [{ client_id: 'dev', token_endpoint_auth_method: 'none', application_type: 'native', redirect_uris: ['http://127.0.0.1/cb'], grant_types: ['authorization_code'], response_types: ['code'] }],
        }),
    );
    server.on('request', provider.callback());
    const authorizationUrl = async () =>
      buildAuthorizationUrl({
        authUrl: new URL(provider.pathFor('authorization'), issuer).href,
        clientId: 'dev',
        redirectUri: 'http://127.0.0.1:9/cb',
        scope: 'openid',
        state: 'state-1',
        codeChallenge: await computeCodeChallenge(generateCodeVerifier(), 'S256'),
        codeChallengeMethod: 'S256',
      }).url;

    const allowed = parseRedirect(await loginOverHttp(await authorizationUrl(), { login: 'anyone', password: 'anything' }));
    expect(allowed.code).toBeTruthy();
    expect(allowed.state).toBe('state-1');
    const denied = parseRedirect(await loginOverHttp(await authorizationUrl(), { consent: 'deny' }));
    expect(denied.error).toBe('access_denied');
    vi.restoreAllMocks();
  });
});
