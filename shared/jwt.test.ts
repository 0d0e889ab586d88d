import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { decodeJwtForDisplay } from './jwt';
import { base64UrlEncode, utf8Bytes } from './encoding';

const b64url = (value: unknown) => base64UrlEncode(utf8Bytes(typeof value === 'string' ? value : JSON.stringify(value)));
const HEADER = b64url({ alg: 'RS256', typ: 'JWT' });

let signed: string;
const iat = 1_700_000_000; // 2023-11-14T22:13:20Z
beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256');
  signed = await new SignJWT({ name: 'Dana Demo', email: 'demo@example.test', auth_time: iat - 60, nested: { roles: ['a', 'b'] } })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })
    .setIssuer('https://idp.example')
    .setSubject('user-1')
    .setAudience('my-client')
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + 3600)
    .sign(privateKey);
});

describe('decodeJwtForDisplay', () => {
  it('decodes a real signed JWT: header, payload, signature and the time claims as ISO dates', () => {
    const decoded = decodeJwtForDisplay(signed, new Date('2023-11-14T22:30:00Z'));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.header).toEqual({ alg: 'RS256', kid: 'key-1', typ: 'JWT' });
    expect(decoded.payload).toMatchObject({ iss: 'https://idp.example', sub: 'user-1', aud: 'my-client', name: 'Dana Demo', nested: { roles: ['a', 'b'] } });
    expect(decoded.signature).toBe(signed.split('.')[2]);
    expect(decoded.signature.length).toBeGreaterThan(300); // an RS256 signature, base64url
    expect(decoded.times).toEqual({
      exp: '2023-11-14T23:13:20.000Z',
      iat: '2023-11-14T22:13:20.000Z',
      nbf: '2023-11-14T22:13:20.000Z',
      auth_time: '2023-11-14T22:12:20.000Z',
    });
    expect(decoded.expired).toBe(false);
  });

  it('flags an expired token from `exp` and the given clock, `exp` itself counting as expired', () => {
    const at = (iso: string) => decodeJwtForDisplay(signed, new Date(iso));
    expect(at('2023-11-14T23:13:19.999Z')).toMatchObject({ ok: true, expired: false });
    expect(at('2023-11-14T23:13:20.000Z')).toMatchObject({ ok: true, expired: true });
    expect(at('2030-01-01T00:00:00Z')).toMatchObject({ ok: true, expired: true });
  });

  it('never calls a token without a numeric exp expired, and shows only numeric time claims', () => {
    const token = `${HEADER}.${b64url({ sub: 'x', exp: '1700000000', iat: 'yesterday' })}.`;
    expect(decodeJwtForDisplay(token, new Date('2099-01-01'))).toMatchObject({ ok: true, expired: false, times: {} });
  });

  it('does not throw on a time claim too large for a Date', () => {
    const decoded = decodeJwtForDisplay(`${HEADER}.${b64url({ exp: 1e20, iat: 0 })}.sig`);
    expect(decoded).toMatchObject({ ok: true, expired: false, times: { iat: '1970-01-01T00:00:00.000Z' } });
  });

  it('trims surrounding whitespace and accepts an unsecured JWT (empty signature)', () => {
    const decoded = decodeJwtForDisplay(`  ${HEADER}.${b64url({ sub: 'x' })}.\n`);
    expect(decoded).toMatchObject({ ok: true, signature: '', payload: { sub: 'x' } });
  });

  it.each([
    ['', /^Empty token\.$/],
    ['   \n', /^Empty token\.$/],
    ['opaque-access-token-2YotnFZFEjr1zCsicMWpAA', /1 part where a JWS has 3.*opaque/],
    ['abc.def', /2 parts where a JWS has 3/],
    ['a.b.c.d', /4 parts/],
    ['a.b.c.d.e', /encrypted JWT \(JWE, 5 parts\)/],
  ])('gives a clear reason for %j', (token, reason) => {
    const decoded = decodeJwtForDisplay(token);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(reason);
  });

  it('says which part is broken: a header that is not base64url JSON', () => {
    const decoded = decodeJwtForDisplay(`!!!.${b64url({ sub: 'x' })}.sig`);
    expect(decoded).toMatchObject({ ok: false, reason: expect.stringMatching(/^The header is not base64url-encoded JSON/) });
    expect(decodeJwtForDisplay(`${b64url('not json')}.${b64url({ sub: 'x' })}.sig`)).toMatchObject({ ok: false, reason: expect.stringMatching(/^The header/) });
  });

  it('says which part is broken: a payload that is not a JSON object (bad base64, an array, null)', () => {
    for (const payload of ['%%%', b64url([1, 2, 3]), b64url('null'), b64url('"a string"')]) {
      const decoded = decodeJwtForDisplay(`${HEADER}.${payload}.sig`);
      expect(decoded).toMatchObject({ ok: false, reason: expect.stringMatching(/^The payload is not/) });
    }
  });
});
