import { describe, expect, it } from 'vitest';
import { basicAuthorization, buildTokenRequest, redactTokenRequest, REDACTED, type TokenRequestInput } from './token-request';

const SECRET = 's3cr:t+/=%ü-demo';

function input(overrides: Partial<TokenRequestInput> = {}): TokenRequestInput {
  return {
    tokenUrl: 'https://idp.example/oauth2/token',
    code: 'the-code',
    redirectUri: 'http://127.0.0.1:53682/callback',
    clientId: 'my-client',
    codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    clientSecret: null,
    clientAuthentication: 'basic',
    ...overrides,
  };
}

/** Decodes a Basic header the way RFC 6749 2.3.1 says a server must: base64, split, form-urldecode. */
function decodeBasic(header: string): { raw: string; id: string; secret: string } {
  expect(header).toMatch(/^Basic [A-Za-z0-9+/]+=*$/);
  const bytes = Uint8Array.from(atob(header.slice('Basic '.length)), (c) => c.charCodeAt(0));
  const raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const colon = raw.indexOf(':');
  const formDecode = (part: string) => new URLSearchParams(`v=${part}`).get('v')!;
  return { raw, id: formDecode(raw.slice(0, colon)), secret: formDecode(raw.slice(colon + 1)) };
}

const bodyOf = (body: string) => new URLSearchParams(body);

describe('buildTokenRequest', () => {
  it('builds the RFC 6749 4.1.3 + RFC 7636 4.5 request', () => {
    const request = buildTokenRequest(input());
    expect(request.url).toBe('https://idp.example/oauth2/token');
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.accept).toBe('application/json');
    expect(request.bodyParams).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', 'the-code'],
      ['redirect_uri', 'http://127.0.0.1:53682/callback'],
      ['code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'],
      ['client_id', 'my-client'],
    ]);
    // The string sent is exactly the listed parameters, form-encoded.
    expect(request.body).toBe(new URLSearchParams(request.bodyParams).toString());
    expect(request.body).toContain('redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback');
  });

  it.each([null, ''])('public client (secret %j): no Authorization header, no client_secret, client_id in the body', (clientSecret) => {
    for (const clientAuthentication of ['basic', 'body'] as const) {
      const request = buildTokenRequest(input({ clientSecret, clientAuthentication }));
      expect(request.clientAuth).toBe('none');
      expect(Object.keys(request.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
      expect(bodyOf(request.body).has('client_secret')).toBe(false);
      expect(bodyOf(request.body).get('client_id')).toBe('my-client');
    }
  });

  it('Basic auth form-urlencodes id and secret before base64 (RFC 6749 2.3.1), non-ASCII as UTF-8', () => {
    const request = buildTokenRequest(input({ clientId: 'my client:1', clientSecret: SECRET, clientAuthentication: 'basic' }));
    expect(request.clientAuth).toBe('basic');
    const decoded = decodeBasic(request.headers.authorization!);
    expect(decoded.raw).toBe('my+client%3A1:s3cr%3At%2B%2F%3D%25%C3%BC-demo');
    expect(decoded.id).toBe('my client:1');
    expect(decoded.secret).toBe(SECRET);
    // Neither the secret nor the client id go in the body with Basic.
    expect(bodyOf(request.body).has('client_secret')).toBe(false);
    expect(bodyOf(request.body).has('client_id')).toBe(false);
  });

  it('basicAuthorization alone gives the same header', () => {
    expect(basicAuthorization('a', 'b')).toBe(`Basic ${btoa('a:b')}`);
    expect(decodeBasic(basicAuthorization('id', SECRET)).secret).toBe(SECRET);
  });

  it('body auth puts client_id and client_secret in the form, no Authorization header', () => {
    const request = buildTokenRequest(input({ clientSecret: SECRET, clientAuthentication: 'body' }));
    expect(request.clientAuth).toBe('body');
    expect(request.headers.authorization).toBeUndefined();
    expect(bodyOf(request.body).get('client_id')).toBe('my-client');
    expect(bodyOf(request.body).get('client_secret')).toBe(SECRET);
    expect(request.body).toContain('client_secret=s3cr%3At%2B%2F%3D%25%C3%BC-demo');
  });

  it('sends an Origin header only when one is set (Entra ID SPA), trimmed', () => {
    expect(buildTokenRequest(input({ origin: ' http://localhost:3000 ' })).headers.origin).toBe('http://localhost:3000');
    expect(buildTokenRequest(input({ origin: '   ' })).headers.origin).toBeUndefined();
    expect(buildTokenRequest(input()).headers.origin).toBeUndefined();
  });

  it('leaves code_verifier out when told to (a negative test)', () => {
    const request = buildTokenRequest(input({ codeVerifier: null }));
    expect(bodyOf(request.body).has('code_verifier')).toBe(false);
    // An empty verifier is still sent: the user typed it.
    expect(bodyOf(buildTokenRequest(input({ codeVerifier: '' })).body).get('code_verifier')).toBe('');
  });

  it('adds audience and resource when set, trimmed', () => {
    const request = buildTokenRequest(input({ audience: ' api://x ', resource: ' https://api.example ' }));
    expect(bodyOf(request.body).get('audience')).toBe('api://x');
    expect(bodyOf(request.body).get('resource')).toBe('https://api.example');
    expect(bodyOf(buildTokenRequest(input({ audience: ' ' })).body).has('audience')).toBe(false);
  });

  it('lets extra parameters override standard ones, repeat keys, and skips disabled or keyless rows', () => {
    const request = buildTokenRequest(
      input({
        extraParams: [
          { key: 'redirect_uri', value: 'https://override.example/cb', enabled: true },
          { key: 'resource', value: 'https://a.example', enabled: true },
          { key: ' resource ', value: 'https://b.example', enabled: true },
          { key: 'scope', value: 'ignored', enabled: false },
          { key: '  ', value: 'no key', enabled: true },
        ],
      }),
    );
    const body = bodyOf(request.body);
    expect(body.getAll('redirect_uri')).toEqual(['https://override.example/cb']);
    expect(body.getAll('resource')).toEqual(['https://a.example', 'https://b.example']);
    expect(body.has('scope')).toBe(false);
    expect([...body.values()]).not.toContain('no key');
  });
});

describe('redactTokenRequest', () => {
  const encodedForms = (secret: string) => [secret, encodeURIComponent(secret), new URLSearchParams([['s', secret]]).toString().slice(2)];

  it('removes the secret from the Basic header, whose base64 would otherwise carry it', () => {
    const request = buildTokenRequest(input({ clientSecret: SECRET, clientAuthentication: 'basic' }));
    const redacted = redactTokenRequest(request);
    expect(redacted.headers.authorization).toBe(`Basic ${REDACTED}`);
    const everything = JSON.stringify(redacted);
    for (const form of [...encodedForms(SECRET), request.headers.authorization!.slice(6)]) expect(everything).not.toContain(form);
    // The original is left as it was: it is what gets sent.
    expect(request.headers.authorization).not.toContain(REDACTED);
  });

  it('removes the secret from the body and bodyParams, and keeps every other parameter', () => {
    const request = buildTokenRequest(input({ clientSecret: SECRET, clientAuthentication: 'body' }));
    const redacted = redactTokenRequest(request);
    const everything = JSON.stringify(redacted);
    for (const form of encodedForms(SECRET)) expect(everything).not.toContain(form);
    expect(bodyOf(redacted.body).get('client_secret')).toBe(REDACTED);
    expect(redacted.bodyParams.filter(([k]) => k !== 'client_secret')).toEqual(request.bodyParams.filter(([k]) => k !== 'client_secret'));
    expect(redacted.clientAuth).toBe('body');
    expect(bodyOf(request.body).get('client_secret')).toBe(SECRET);
  });

  it('changes nothing for a public client', () => {
    const request = buildTokenRequest(input({ origin: 'http://localhost:3000' }));
    expect(redactTokenRequest(request)).toEqual(request);
  });
});
