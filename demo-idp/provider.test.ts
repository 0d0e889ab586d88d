import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from 'tough-cookie';
import { grantErrorDetail, startDemoIdp, type DemoIdp } from './provider';
import { HttpLoginError, loginOverHttp, type HttpLoginOptions } from './http-login';
import { DEMO_API, type DemoClient } from './config';
import { buildAuthorizationUrl } from '../shared/authorize-url';
import { buildTokenRequest, type TokenRequest } from '../shared/token-request';
import { computeCodeChallenge, generateCodeVerifier, randomToken, type CodeChallengeMethod } from '../shared/pkce';
import { parseRedirect } from '../shared/redirect';
import { decodeJwtForDisplay } from '../shared/jwt';
import { DEFAULT_SCHEME_CALLBACK } from '../shared/app-identity';

let idp: DemoIdp;
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0 });
});
afterAll(async () => {
  await idp?.close();
});

interface AuthorizeInput {
  client: DemoClient;
  redirectUri?: string;
  scope?: string;
  method?: CodeChallengeMethod;
  challengeFor?: string;
  omitChallenge?: boolean;
  /** Extra authorization parameters; `prompt=consent` is what gets a refresh token (OIDC Core 11). */
  extraParams?: Record<string, string>;
  login?: HttpLoginOptions;
}

/** Runs the authorization request through the demo IdP's pages; returns the redirect and the PKCE pair. */
async function authorize(target: DemoIdp, input: AuthorizeInput) {
  const verifier = generateCodeVerifier();
  const method = input.method ?? 'S256';
  const redirectUri = input.redirectUri ?? 'http://127.0.0.1:49152/callback';
  const state = randomToken();
  const { url } = buildAuthorizationUrl({
    authUrl: target.authorizationEndpoint,
    clientId: input.client.clientId,
    redirectUri,
    scope: input.scope ?? 'openid profile email offline_access',
    state,
    codeChallenge: await computeCodeChallenge(input.challengeFor ?? verifier, method),
    codeChallengeMethod: method,
    nonce: randomToken(),
    extraParams: Object.entries(input.extraParams ?? {}).map(([key, value]) => ({ key, value, enabled: true })),
  });
  const authUrl = new URL(url);
  if (input.omitChallenge) {
    authUrl.searchParams.delete('code_challenge');
    authUrl.searchParams.delete('code_challenge_method');
  }
  const finalRedirect = await loginOverHttp(authUrl.href, { isFinalRedirect: (u) => !u.startsWith(target.issuer), ...input.login });
  return { finalRedirect, redirect: parseRedirect(finalRedirect), verifier, redirectUri, state };
}

function tokenRequestFor(target: DemoIdp, client: DemoClient, code: string, redirectUri: string, codeVerifier: string | null, extra: Partial<Parameters<typeof buildTokenRequest>[0]> = {}): TokenRequest {
  return buildTokenRequest({
    tokenUrl: target.tokenEndpoint,
    code,
    redirectUri,
    clientId: client.clientId,
    codeVerifier,
    clientSecret: client.clientSecret,
    clientAuthentication: client.tokenEndpointAuthMethod === 'client_secret_post' ? 'body' : 'basic',
    ...extra,
  });
}

async function send(request: TokenRequest): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('demo IdP', () => {
  it('listens on an ephemeral 127.0.0.1 port and serves a discovery document that matches', async () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(idp.issuer).port).not.toBe('9090');
    const discovery = (await (await fetch(idp.discoveryUrl)).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(idp.issuer);
    expect(discovery.authorization_endpoint).toBe(idp.authorizationEndpoint);
    expect(discovery.token_endpoint).toBe(idp.tokenEndpoint);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'offline_access']));
    expect(idp.providerVersion).toBe(9);
  });

  describe.each(['public', 'confidentialBasic', 'confidentialPost'] as const)('%s client', (key) => {
    it('logs in with demo/demo, exchanges the code with an S256 verifier, and gets tokens with the user claims', async () => {
      const client = idp.clients[key];
      const { redirect, verifier, redirectUri, state } = await authorize(idp, { client, extraParams: { prompt: 'consent' } });
      expect(redirect.error).toBeUndefined();
      expect(redirect.state).toBe(state);
      expect(redirect.iss).toBe(idp.issuer);
      const before = idp.tokenRequests.length;
      const { status, json } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, verifier));
      expect(status).toBe(200);
      expect(json.token_type).toBe('Bearer');
      expect(typeof json.access_token).toBe('string');
      expect(typeof json.refresh_token).toBe('string'); // offline_access with prompt=consent
      const idToken = decodeJwtForDisplay(String(json.id_token));
      expect(idToken.ok).toBe(true);
      if (idToken.ok) {
        expect(idToken.header.alg).toBe('RS256');
        expect(idToken.payload).toMatchObject({ iss: idp.issuer, aud: client.clientId, sub: 'demo-user-0001', name: 'Dana Demo', email: 'demo@example.test' });
        expect(idToken.expired).toBe(false);
      }

      // What reached the token endpoint proves how the client authenticated.
      const arrived = idp.tokenRequests.slice(before);
      expect(arrived).toHaveLength(1);
      const { headers, body } = arrived[0]!;
      expect(body.code_verifier).toBe(verifier);
      if (key === 'public') {
        expect(headers.authorization).toBeUndefined();
        expect(body.client_secret).toBeUndefined();
        expect(body.client_id).toBe(client.clientId);
      } else if (key === 'confidentialBasic') {
        expect(headers.authorization).toMatch(/^Basic /);
        expect(body.client_secret).toBeUndefined();
        // RFC 6749 2.3.1: the secret's + and % travel form-urlencoded inside the Basic credentials.
        const decoded = Buffer.from(String(headers.authorization).slice(6), 'base64').toString('utf8');
        expect(decoded).toBe(`${client.clientId}:${encodeURIComponent(client.clientSecret!).replace(/%20/g, '+')}`);
        expect(decoded).toContain('%2B');
        expect(decoded).toContain('%25');
      } else {
        expect(headers.authorization).toBeUndefined();
        expect(body.client_secret).toBe(client.clientSecret);
      }
    });

    it('refuses the code with a wrong verifier, and records why (PKCE)', async () => {
      const client = idp.clients[key];
      const { redirect, redirectUri } = await authorize(idp, { client });
      const errorsBefore = idp.grantErrors.length;
      const { status, json } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, generateCodeVerifier()));
      expect(status).toBe(400);
      expect(json.error).toBe('invalid_grant');
      const grantError = idp.grantErrors[errorsBefore];
      expect(grantError).toBeDefined();
      expect(grantErrorDetail(grantError!)).toBe('invalid_grant: grant request is invalid: code_verifier does not match code_challenge');
    });
  });

  it('asks for consent itself when offline_access comes without prompt=consent, and allowing it gives a refresh token', async () => {
    const client = idp.clients.public;
    const jar = new CookieJar();
    // Twice in one IdP session: the second time the user is signed in and has consented before, yet a
    // refresh token still needs consent (OIDC Core 11), so the consent page comes again.
    for (let i = 0; i < 2; i++) {
      const { redirect, verifier, redirectUri } = await authorize(idp, { client, login: { cookieJar: jar } });
      const { status, json } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, verifier));
      expect(status).toBe(200);
      expect(typeof json.refresh_token).toBe('string');
      expect(String(json.scope).split(' ')).toContain('offline_access');
    }
    const denied = await authorize(idp, { client, login: { cookieJar: jar, consent: 'deny' } });
    expect(denied.redirect.error).toBe('access_denied');
  });

  it('without offline_access, no refresh token (and no consent forced)', async () => {
    const client = idp.clients.public;
    const { redirect, verifier, redirectUri } = await authorize(idp, { client, scope: 'openid profile' });
    const { json } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, verifier));
    expect(json.refresh_token).toBeUndefined();
  });

  it('refuses a code whose token request leaves out the verifier', async () => {
    const client = idp.clients.public;
    const { redirect, redirectUri } = await authorize(idp, { client });
    const errorsBefore = idp.grantErrors.length;
    const { status, json } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, null));
    expect(status).toBe(400);
    expect(json.error).toBe('invalid_grant');
    expect(grantErrorDetail(idp.grantErrors[errorsBefore]!)).toMatch(/code_verifier must be provided/);
  });

  it('requires PKCE of confidential clients too: no code_challenge, no code', async () => {
    const { redirect } = await authorize(idp, { client: idp.clients.confidentialBasic, omitChallenge: true });
    expect(redirect.code).toBeUndefined();
    expect(redirect.error).toBe('invalid_request');
    expect(redirect.errorDescription).toMatch(/PKCE/);
  });

  it('refuses a wrong client secret', async () => {
    const client = idp.clients.confidentialBasic;
    const { redirect, verifier, redirectUri } = await authorize(idp, { client });
    const { status, json } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, verifier, { clientSecret: 'not-the-secret' }));
    expect(status).toBe(401);
    expect(json.error).toBe('invalid_client');
  });

  it('accepts any loopback port for the native clients (RFC 8252 7.3) and the custom scheme', async () => {
    for (const redirectUri of ['http://127.0.0.1:50001/callback', 'http://127.0.0.1:61234/callback', DEFAULT_SCHEME_CALLBACK]) {
      const { finalRedirect, redirect } = await authorize(idp, { client: idp.clients.public, redirectUri });
      expect(finalRedirect.startsWith(`${redirectUri}?`)).toBe(true);
      expect(redirect.code).toBeTruthy();
    }
  });

  it('refuses an unregistered redirect URI on its own error page, never redirecting to it', async () => {
    const attempt = authorize(idp, { client: idp.clients.public, redirectUri: 'http://127.0.0.1:50001/elsewhere' });
    await expect(attempt).rejects.toThrow(HttpLoginError);
    await expect(attempt).rejects.toThrow(/redirect_uri/);
  });

  it('serves the Azure-style https://localhost redirects on the web clients, and the SPA one needs no secret', async () => {
    for (const client of [idp.clients.webConfidential, idp.clients.webPublic]) {
      const { redirect, verifier, redirectUri, finalRedirect } = await authorize(idp, { client, redirectUri: 'https://localhost' });
      expect(finalRedirect).toMatch(/^https:\/\/localhost\/\?code=/);
      const { status } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, verifier));
      expect(status).toBe(200);
    }
  });

  it('accepts an Origin header on a token request only from the origin of a public client redirect URI', async () => {
    const client = idp.clients.webPublic;
    const good = await authorize(idp, { client, redirectUri: 'https://localhost/callback' });
    expect((await send(tokenRequestFor(idp, client, good.redirect.code!, good.redirectUri, good.verifier, { origin: 'https://localhost' }))).status).toBe(200);
    const bad = await authorize(idp, { client, redirectUri: 'https://localhost/callback' });
    const refused = await send(tokenRequestFor(idp, client, bad.redirect.code!, bad.redirectUri, bad.verifier, { origin: 'https://evil.example' }));
    expect(refused.status).toBe(400);
    expect(refused.json.error_description).toMatch(/origin/i);
  });

  it('answers a login page without its interaction cookie with a readable error, not a crash', async () => {
    const response = await fetch(`${idp.issuer}/interaction/made-up-uid`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Login session not found');
  });

  it('shows the login form again with an error for a wrong password', async () => {
    const attempt = authorize(idp, { client: idp.clients.public, login: { password: 'wrong' } });
    await expect(attempt).rejects.toThrow(/Login refused: Wrong username or password/);
  });

  it('sends the user back with error=access_denied when consent is denied', async () => {
    const { redirect } = await authorize(idp, { client: idp.clients.public, login: { consent: 'deny' } });
    expect(redirect.code).toBeUndefined();
    expect(redirect.error).toBe('access_denied');
    expect(redirect.state).toBeTruthy();
  });

  it('keeps the session in a shared cookie jar: the second flow needs no password', async () => {
    const cookieJar = new CookieJar();
    const first = await authorize(idp, { client: idp.clients.public, login: { cookieJar } });
    expect(first.redirect.code).toBeTruthy();
    // A wrong password would fail if the login page were shown again.
    const second = await authorize(idp, { client: idp.clients.public, login: { cookieJar, password: 'wrong' } });
    expect(second.redirect.code).toBeTruthy();
  });

  it('issues a JWT access token for the demo API when asked with resource (RFC 8707), and refuses an unknown resource', async () => {
    const client = idp.clients.public;
    const resource = [{ key: 'resource', value: DEMO_API.resource, enabled: true }];
    const { redirect, verifier, redirectUri } = await authorize(idp, { client, scope: 'openid api:read', extraParams: { resource: DEMO_API.resource } });
    expect(redirect.code).toBeTruthy();
    const { status, json } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, verifier, { extraParams: resource }));
    expect(status).toBe(200);
    const accessToken = decodeJwtForDisplay(String(json.access_token));
    expect(accessToken.ok && accessToken.payload).toMatchObject({ aud: DEMO_API.resource, scope: 'api:read', sub: 'demo-user-0001', client_id: client.clientId });
    expect(decodeJwtForDisplay(String(json.id_token)).ok).toBe(true);

    const unknown = await authorize(idp, { client, scope: 'openid api:read', extraParams: { resource: 'https://other.example/api' } });
    expect(unknown.redirect.error).toBe('invalid_target');
  });

  it('keeps access tokens opaque without a resource', async () => {
    const client = idp.clients.public;
    const { redirect, verifier, redirectUri } = await authorize(idp, { client, scope: 'openid' });
    const { json } = await send(tokenRequestFor(idp, client, redirect.code!, redirectUri, verifier));
    expect(decodeJwtForDisplay(String(json.access_token))).toMatchObject({ ok: false });
    // ...and usable at userinfo.
    const userinfo = await fetch(idp.userinfoEndpoint, { headers: { authorization: `Bearer ${String(json.access_token)}` } });
    expect(await userinfo.json()).toMatchObject({ sub: 'demo-user-0001' });
  });

  it('has no plain PKCE in oidc-provider 9', async () => {
    const { redirect } = await authorize(idp, { client: idp.clients.public, method: 'plain' });
    expect(redirect.error).toBe('invalid_request');
    expect(redirect.errorDescription).toMatch(/code_challenge_method/);
  });
});
