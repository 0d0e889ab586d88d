import { describe, expect, it } from 'vitest';
import { ID_TOKEN_CHECKS, reportValid, type CheckRow } from './check-rows';
import { checkIdTokenClaims, hashForAlg, type ClaimExpectations } from './id-token-claims';

const NOW = new Date('2026-03-01T12:00:00Z');
const now = NOW.getTime() / 1000;
const ISSUER = 'https://idp.example.test';

const expectations = (overrides: Partial<ClaimExpectations> = {}): ClaimExpectations => ({
  issuer: ISSUER,
  clientId: 'app',
  nonce: 'n-1',
  now: NOW,
  skewSeconds: 60,
  maxAge: undefined,
  atHash: { value: 'AT-HASH', hash: 'SHA-256' },
  cHash: { value: 'C-HASH', hash: 'SHA-256' },
  ...overrides,
});
const good = { iss: ISSUER, aud: 'app', exp: now + 600, iat: now - 5, nonce: 'n-1', at_hash: 'AT-HASH', c_hash: 'C-HASH', sub: 'u' };

function rows(payload: Record<string, unknown>, overrides: Partial<ClaimExpectations> = {}): Record<string, CheckRow> {
  return Object.fromEntries(checkIdTokenClaims(payload, expectations(overrides)).map((r) => [r.name, r]));
}
const verdicts = (payload: Record<string, unknown>, overrides: Partial<ClaimExpectations> = {}) =>
  Object.fromEntries(Object.values(rows(payload, overrides)).map((r) => [r.name, r.verdict]));

describe('checkIdTokenClaims', () => {
  it('gives every row but Signature, in order, for a good token: pass, or not checked with a reason', () => {
    const list = checkIdTokenClaims(good, expectations());
    expect(list.map((r) => r.name)).toEqual(ID_TOKEN_CHECKS.filter((n) => n !== 'Signature'));
    expect(verdicts(good)).toEqual({
      'Issuer (iss)': 'pass',
      'Audience (aud)': 'pass',
      'Authorized party (azp)': 'not checked',
      'Expiry (exp)': 'pass',
      'Issued at (iat)': 'pass',
      'Not before (nbf)': 'not checked',
      Nonce: 'pass',
      'Access token hash (at_hash)': 'pass',
      'Code hash (c_hash)': 'pass',
      'Auth time (auth_time)': 'not checked',
    });
    expect(reportValid({ rows: list, informational: false })).toBe(true);
    expect(rows(good)['Expiry (exp)']?.reason).toBe('exp 2026-03-01T12:10:00Z (in 10 min) is in the future (clock skew 60 s)');
    expect(rows(good)['Authorized party (azp)']?.reason).toBe('no azp claim, and aud has a single value: none is needed');
  });

  it('compares iss with the issuer exactly, and says when there is none to compare with', () => {
    expect(rows({ ...good, iss: `${ISSUER}/` })['Issuer (iss)']).toEqual({ name: 'Issuer (iss)', verdict: 'fail', reason: `iss "${ISSUER}/" differs from the issuer "${ISSUER}" (compared exactly)` });
    expect(rows({ ...good, iss: undefined })['Issuer (iss)']?.verdict).toBe('fail');
    expect(rows(good, { issuer: '' })['Issuer (iss)']).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('fill Issuer or press Discover') });
  });

  it('requires client_id in aud, and azp equal to client_id when present or when aud has several values', () => {
    expect(rows({ ...good, aud: 'other' })['Audience (aud)']).toMatchObject({ verdict: 'fail', reason: 'aud "other" does not contain client_id "app": the ID token was issued to another client' });
    expect(rows({ ...good, aud: ['api', 'app'], azp: 'app' })).toMatchObject({ 'Audience (aud)': { verdict: 'pass' }, 'Authorized party (azp)': { verdict: 'pass' } });
    expect(rows({ ...good, aud: ['api', 'app'] })['Authorized party (azp)']).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('aud has 2 values but there is no azp') });
    expect(rows({ ...good, azp: 'other' })['Authorized party (azp)']?.verdict).toBe('fail');
    expect(rows({ ...good, aud: undefined })['Audience (aud)']?.verdict).toBe('fail');
  });

  it('checks exp, iat and nbf with the clock skew', () => {
    expect(verdicts({ ...good, exp: now - 30 })['Expiry (exp)']).toBe('pass');
    expect(rows({ ...good, exp: now - 61 })['Expiry (exp)']).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('expired: exp 2026-03-01T11:58:59Z (61 s ago)') });
    expect(verdicts({ ...good, exp: now - 61 }, { skewSeconds: 120 })['Expiry (exp)']).toBe('pass');
    expect(verdicts({ ...good, exp: 'soon' })['Expiry (exp)']).toBe('fail');
    expect(verdicts({ ...good, iat: now + 30 })['Issued at (iat)']).toBe('pass');
    expect(rows({ ...good, iat: now + 300 })['Issued at (iat)']).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('in the future') });
    expect(verdicts({ ...good, iat: undefined })['Issued at (iat)']).toBe('fail');
    expect(verdicts({ ...good, nbf: now + 30 })['Not before (nbf)']).toBe('pass');
    expect(verdicts({ ...good, nbf: now + 300 })['Not before (nbf)']).toBe('fail');
  });

  it('checks the nonce, and says when this flow sent none', () => {
    expect(rows({ ...good, nonce: 'n-2' }).Nonce).toMatchObject({ verdict: 'fail', reason: 'nonce "n-2" differs from the nonce this flow sent, "n-1": the ID token was not issued for this request' });
    expect(rows({ ...good, nonce: undefined }).Nonce?.verdict).toBe('fail');
    expect(rows(good, { nonce: undefined }).Nonce).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('sent no nonce') });
  });

  it('compares at_hash and c_hash with the hashes main computed; absent ones are not checked', () => {
    expect(rows({ ...good, at_hash: 'OTHER' })['Access token hash (at_hash)']).toMatchObject({
      verdict: 'fail',
      reason: 'at_hash "OTHER" differs from "AT-HASH", the left half of SHA-256 of the access token: the ID token was issued with another one',
    });
    expect(rows({ ...good, c_hash: 'OTHER' })['Code hash (c_hash)']?.verdict).toBe('fail');
    expect(rows({ ...good, at_hash: undefined })['Access token hash (at_hash)']).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('no at_hash claim') });
    expect(rows(good, { atHash: { unavailable: 'alg "none" defines no hash' } })['Access token hash (at_hash)']).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('defines no hash') });
  });

  it('requires auth_time when max_age was sent, and checks its age', () => {
    expect(rows(good, { maxAge: '300' })['Auth time (auth_time)']).toMatchObject({ verdict: 'fail', reason: 'max_age=300 was sent, so auth_time is required, and the ID token has none' });
    expect(verdicts({ ...good, auth_time: now - 100 }, { maxAge: '300' })['Auth time (auth_time)']).toBe('pass');
    expect(rows({ ...good, auth_time: now - 1000 }, { maxAge: '300' })['Auth time (auth_time)']).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('longer ago than max_age=300 s') });
    expect(rows({ ...good, auth_time: now - 100 })['Auth time (auth_time)']).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('max_age was not sent') });
  });
});

describe('hashForAlg', () => {
  it('picks the hash of the alg size (OIDC Core 3.1.3.6)', () => {
    expect(['RS256', 'PS384', 'ES512', 'HS256', 'ES256K', 'EdDSA', 'none', 'XX', undefined].map(hashForAlg)).toEqual(['SHA-256', 'SHA-384', 'SHA-512', 'SHA-256', 'SHA-256', 'SHA-512', undefined, undefined, undefined]);
  });
});
