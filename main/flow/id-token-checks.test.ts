import { describe, expect, it } from 'vitest';
import { base64UrlEncode, utf8Bytes } from '../../shared/encoding';
import { checkIdToken } from './id-token-checks';

const NOW = new Date('2026-01-01T00:00:00Z');
const jwt = (payload: Record<string, unknown>) => [{ alg: 'none' }, payload].map((p) => base64UrlEncode(utf8Bytes(JSON.stringify(p)))).join('.') + '.';
const tokens = (idToken?: string) => ({ receivedAt: NOW.toISOString(), raw: {}, accessToken: 'at', ...(idToken ? { idToken } : {}) });

describe('checkIdToken', () => {
  it('confirms a matching nonce', () => {
    expect(checkIdToken(tokens(jwt({ nonce: 'n1' })), 'n1', true, NOW)).toEqual([{ level: 'info', message: expect.stringContaining('matches') }]);
  });
  it('warns when the nonce differs or is missing', () => {
    expect(checkIdToken(tokens(jwt({ nonce: 'other' })), 'n1', true, NOW)).toEqual([{ level: 'warning', message: expect.stringContaining('differs') }]);
    expect(checkIdToken(tokens(jwt({ sub: 'u' })), 'n1', true, NOW)).toEqual([{ level: 'warning', message: expect.stringContaining('no nonce claim') }]);
  });
  it('warns when openid was asked for and no id_token came back, and not otherwise', () => {
    expect(checkIdToken(tokens(), 'n1', true, NOW)).toEqual([{ level: 'warning', message: expect.stringContaining('no id_token') }]);
    expect(checkIdToken(tokens(), undefined, false, NOW)).toEqual([]);
  });
  it('warns about an id_token that cannot be decoded', () => {
    expect(checkIdToken(tokens('opaque'), 'n1', true, NOW)).toEqual([{ level: 'warning', message: expect.stringContaining('could not be decoded') }]);
  });
  it('says nothing about the nonce when none was sent', () => {
    expect(checkIdToken(tokens(jwt({ nonce: 'x' })), undefined, true, NOW)).toEqual([]);
  });
});
