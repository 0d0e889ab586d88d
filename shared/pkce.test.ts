import { describe, expect, it } from 'vitest';
import {
  checkCodeVerifier,
  computeCodeChallenge,
  estimatedEntropyBits,
  explainCodeChallenge,
  generateCodeVerifier,
  randomToken,
  UNRESERVED_CHARACTERS,
  VERIFIER_MAX_LENGTH,
  VERIFIER_MIN_LENGTH,
} from './pkce';
import { base64UrlEncode } from './encoding';

// RFC 7636 Appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const RFC_RANDOM_OCTETS = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
const RFC_SHA256_OCTETS = [19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173, 109, 241, 68, 86, 110, 225, 137, 74, 203, 112, 249, 195];
const hex = (octets: number[]) => octets.map((b) => b.toString(16).padStart(2, '0')).join('');

describe('RFC 7636 Appendix B', () => {
  it('base64url of the 32 random octets is the example verifier', () => {
    expect(base64UrlEncode(new Uint8Array(RFC_RANDOM_OCTETS))).toBe(RFC_VERIFIER);
  });

  it('computeCodeChallenge gives the example S256 challenge', async () => {
    await expect(computeCodeChallenge(RFC_VERIFIER, 'S256')).resolves.toBe(RFC_CHALLENGE);
  });

  it('explainCodeChallenge shows every intermediate value', async () => {
    const explained = await explainCodeChallenge(RFC_VERIFIER, 'S256');
    expect(explained.method).toBe('S256');
    expect(explained.verifier).toBe(RFC_VERIFIER);
    // ASCII(verifier): 'd' is 0x64, 'B' 0x42...
    expect(explained.verifierBytesHex).toBe('64426a66744a655a344356502d6d4239324b3237756862554a55317031725f775731674657464f456a586b');
    expect(explained.sha256Hex).toBe(hex(RFC_SHA256_OCTETS));
    expect(explained.sha256Hex).toBe('13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3');
    // Standard base64 keeps '+' and '=': the mistake the explanation is there to show.
    expect(explained.sha256Base64).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM=');
    expect(explained.challenge).toBe(RFC_CHALLENGE);
    expect(explained.challenge).not.toMatch(/[+/=]/);
  });

  it('plain: the challenge is the verifier itself, with no digest', async () => {
    const explained = await explainCodeChallenge(RFC_VERIFIER, 'plain');
    expect(explained.challenge).toBe(RFC_VERIFIER);
    expect(explained.sha256Hex).toBeUndefined();
    expect(explained.sha256Base64).toBeUndefined();
    await expect(computeCodeChallenge(RFC_VERIFIER, 'plain')).resolves.toBe(RFC_VERIFIER);
  });

  it('hashes the verifier bytes as UTF-8 when it is not ASCII (a non-conforming verifier still gets a stable challenge)', async () => {
    const explained = await explainCodeChallenge('é', 'S256');
    expect(explained.verifierBytesHex).toBe('c3a9');
    // SHA-256 of the two bytes c3 a9, computed independently (Python hashlib).
    expect(explained.sha256Hex).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});

describe('generateCodeVerifier', () => {
  it('defaults to 64 characters and honours the bounds 43 and 128', () => {
    expect(generateCodeVerifier()).toHaveLength(64);
    expect(generateCodeVerifier(VERIFIER_MIN_LENGTH)).toHaveLength(43);
    expect(generateCodeVerifier(VERIFIER_MAX_LENGTH)).toHaveLength(128);
  });

  it.each([0, 42, 129, 1000, 50.5, Number.NaN, -43])('refuses length %s with a RangeError that names the bounds', (length) => {
    expect(() => generateCodeVerifier(length)).toThrow(RangeError);
    expect(() => generateCodeVerifier(length)).toThrow(/43 to 128/);
  });

  it('uses only the unreserved characters of RFC 7636 4.1', () => {
    for (let i = 0; i < 200; i += 1) expect(generateCodeVerifier(128)).toMatch(/^[A-Za-z0-9\-._~]{128}$/);
  });

  it('never repeats itself', () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => generateCodeVerifier(43)));
    expect(seen.size).toBe(2_000);
  });

  it('draws the 66 characters uniformly (chi-square; a modulo bias would fail by far)', () => {
    const counts = new Map<string, number>([...UNRESERVED_CHARACTERS].map((c) => [c, 0]));
    const samples = 2_000;
    for (let i = 0; i < samples; i += 1) for (const c of generateCodeVerifier(128)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(66); // nothing outside the alphabet
    const expected = (samples * 128) / 66;
    const chiSquare = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 65 degrees of freedom: mean 65; 130 is beyond the 99.9999th percentile. `byte % 66` without
    // rejection would give the first 58 characters 4/256 and the rest 3/256: a chi-square in the thousands.
    expect(chiSquare).toBeLessThan(130);
    for (const n of counts.values()) expect(n).toBeGreaterThan(expected * 0.85);
  });

  it('passes its own check: a generated verifier has no warning', () => {
    for (let i = 0; i < 500; i += 1) expect(checkCodeVerifier(generateCodeVerifier(VERIFIER_MIN_LENGTH))).toEqual([]);
    expect(checkCodeVerifier(RFC_VERIFIER)).toEqual([]);
  });
});

describe('checkCodeVerifier', () => {
  const codes = (verifier: string) => checkCodeVerifier(verifier).map((w) => w.code);

  it('says an empty verifier is empty, and nothing else', () => {
    expect(checkCodeVerifier('')).toEqual([{ code: 'empty', message: expect.stringMatching(/43 to 128/) }]);
  });

  it('warns about a short verifier, with its length, and mentions that some IdPs accept it', () => {
    const warnings = checkCodeVerifier(generateCodeVerifier(43).slice(0, 42));
    expect(warnings.map((w) => w.code)).toEqual(['too_short']);
    expect(warnings[0]!.message).toMatch(/^42 characters/);
    expect(warnings[0]!.message).toMatch(/Azure/);
  });

  it('warns about a long verifier', () => {
    const long = generateCodeVerifier(128) + 'x';
    expect(codes(long)).toEqual(['too_long']);
    expect(checkCodeVerifier(long)[0]!.message).toMatch(/^129 characters/);
  });

  it('names the invalid characters, each once', () => {
    const verifier = `${generateCodeVerifier(60)}+/= +`;
    const warnings = checkCodeVerifier(verifier);
    expect(warnings.map((w) => w.code)).toEqual(['invalid_characters']);
    expect(warnings[0]!.message).toContain('"+", "/", "=", " "');
  });

  it('flags low entropy: repeats and short alphabets', () => {
    expect(codes('a'.repeat(64))).toEqual(['low_entropy']);
    expect(codes('ab'.repeat(32))).toEqual(['low_entropy']);
    expect(checkCodeVerifier('a'.repeat(64))[0]!.message).toMatch(/about 0 bits/);
  });

  it('can report several problems at once', () => {
    expect(codes('aaa+')).toEqual(['too_short', 'invalid_characters', 'low_entropy']);
  });
});

describe('estimatedEntropyBits', () => {
  it('is 0 for nothing and for one repeated character, and length × log2(alphabet) for distinct characters', () => {
    expect(estimatedEntropyBits('')).toBe(0);
    expect(estimatedEntropyBits('zzzz')).toBe(0);
    expect(estimatedEntropyBits('abcd')).toBeCloseTo(8);
    expect(estimatedEntropyBits('aabb')).toBeCloseTo(4);
  });
});

describe('randomToken', () => {
  it('is 32 random bytes in base64url by default (43 characters, no padding) and never repeats', () => {
    const tokens = Array.from({ length: 500 }, () => randomToken());
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(500);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
