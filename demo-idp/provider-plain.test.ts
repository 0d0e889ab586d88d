// oidc-provider 9 dropped PKCE `plain`; the demo IdP runs oidc-provider 8 when a test needs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantErrorDetail, startDemoIdp, type DemoIdp } from './provider';
import { loginOverHttp } from './http-login';
import { buildAuthorizationUrl } from '../shared/authorize-url';
import { buildTokenRequest } from '../shared/token-request';
import { computeCodeChallenge, generateCodeVerifier, randomToken, type CodeChallengeMethod } from '../shared/pkce';
import { parseRedirect } from '../shared/redirect';

let idp: DemoIdp;
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0, pkceMethods: ['S256', 'plain'] });
});
afterAll(async () => {
  await idp?.close();
});

async function codeFor(method: CodeChallengeMethod, verifier: string, redirectUri: string): Promise<string> {
  const { url } = buildAuthorizationUrl({
    authUrl: idp.authorizationEndpoint,
    clientId: idp.clients.confidentialPost.clientId,
    redirectUri,
    scope: 'openid profile',
    state: randomToken(),
    codeChallenge: await computeCodeChallenge(verifier, method),
    codeChallengeMethod: method,
  });
  const redirect = parseRedirect(await loginOverHttp(url));
  expect(redirect.error).toBeUndefined();
  return redirect.code!;
}

async function exchange(code: string, verifier: string, redirectUri: string) {
  const client = idp.clients.confidentialPost;
  const request = buildTokenRequest({ tokenUrl: idp.tokenEndpoint, code, redirectUri, clientId: client.clientId, codeVerifier: verifier, clientSecret: client.clientSecret, clientAuthentication: 'body' });
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('demo IdP with plain allowed (oidc-provider 8)', () => {
  it('runs oidc-provider 8 and advertises both methods', async () => {
    expect(idp.providerVersion).toBe(8);
    const discovery = (await (await fetch(idp.discoveryUrl)).json()) as Record<string, unknown>;
    expect(discovery.code_challenge_methods_supported).toEqual(['S256', 'plain']);
  });

  it('accepts a plain challenge and the same verifier at the token endpoint', async () => {
    const verifier = generateCodeVerifier(43);
    const redirectUri = 'http://127.0.0.1:50123/callback';
    const { status, json } = await exchange(await codeFor('plain', verifier, redirectUri), verifier, redirectUri);
    expect(status).toBe(200);
    expect(typeof json.access_token).toBe('string');
  });

  it('still refuses a plain code with another verifier', async () => {
    const redirectUri = 'http://127.0.0.1:50124/callback';
    const code = await codeFor('plain', generateCodeVerifier(), redirectUri);
    const { status, json } = await exchange(code, generateCodeVerifier(), redirectUri);
    expect(status).toBe(400);
    expect(json.error).toBe('invalid_grant');
    expect(grantErrorDetail(idp.grantErrors.at(-1)!)).toMatch(/PKCE verification failed/);
  });

  it('still supports S256', async () => {
    const verifier = generateCodeVerifier();
    const redirectUri = 'http://127.0.0.1:50125/callback';
    const { status } = await exchange(await codeFor('S256', verifier, redirectUri), verifier, redirectUri);
    expect(status).toBe(200);
  });
});
