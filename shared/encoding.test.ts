import { describe, expect, it } from 'vitest';
import { base64Encode, base64UrlEncode, formUrlEncode, hexEncode, utf8Bytes } from './encoding';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('encoding', () => {
  it('utf8Bytes encodes non-ASCII as UTF-8', () => {
    expect([...utf8Bytes('aü€')]).toEqual([0x61, 0xc3, 0xbc, 0xe2, 0x82, 0xac]);
    expect(utf8Bytes('')).toHaveLength(0);
  });

  it('base64 keeps padding; base64url (RFC 4648 5) swaps +/ for -_ and drops the padding, at every length', () => {
    expect(base64Encode(bytes())).toBe('');
    expect(base64Encode(bytes(0xfb))).toBe('+w==');
    expect(base64UrlEncode(bytes(0xfb))).toBe('-w');
    expect(base64Encode(bytes(0xfb, 0xff))).toBe('+/8=');
    expect(base64UrlEncode(bytes(0xfb, 0xff))).toBe('-_8');
    expect(base64UrlEncode(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(base64UrlEncode(utf8Bytes('any carnal pleas'))).toBe('YW55IGNhcm5hbCBwbGVhcw');
  });

  it('hexEncode gives two lower-case digits per byte', () => {
    expect(hexEncode(bytes(0, 1, 0xab, 0xff))).toBe('0001abff');
  });

  it('formUrlEncode encodes one value as application/x-www-form-urlencoded (space as +, reserved characters escaped)', () => {
    expect(formUrlEncode('a b+c')).toBe('a+b%2Bc');
    expect(formUrlEncode(':/=%&?#')).toBe('%3A%2F%3D%25%26%3F%23');
    expect(formUrlEncode('ü')).toBe('%C3%BC');
    expect(formUrlEncode('AZaz09-._*')).toBe('AZaz09-._*');
    expect(formUrlEncode('')).toBe('');
    // What a server decodes is what was encoded.
    for (const value of ['s3cr:t+/=%ü-demo', ' lead and trail ', '~!@$^()']) expect(new URLSearchParams(`v=${formUrlEncode(value)}`).get('v')).toBe(value);
  });
});
