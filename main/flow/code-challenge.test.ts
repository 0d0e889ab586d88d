import { describe, expect, it } from 'vitest';
import { explainCodeChallenge, explainFromDigest } from '../../shared/pkce';
import { explainCodeChallengeNow } from './code-challenge';

describe('explainCodeChallengeNow (node:crypto, synchronous)', () => {
  it('gives the RFC 7636 Appendix B challenge', () => {
    const explained = explainCodeChallengeNow('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'S256');
    expect(explained.challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(explained.sha256Hex).toBe('13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3');
  });

  it.each([
    ['a spec verifier', 'S256', 'M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag'],
    ['plain', 'plain', 'M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag'],
    ['characters outside ASCII (hashed as UTF-8, as the renderer shows them)', 'S256', 'vérifier-ünïcode-☃-'.repeat(3)],
  ] as const)('explains %s exactly as the renderer does', async (_name, method, verifier) => {
    expect(explainCodeChallengeNow(verifier, method)).toEqual(await explainCodeChallenge(verifier, method));
  });

  it('refuses to explain S256 without a digest rather than passing the verifier off as the challenge', () => {
    expect(() => explainFromDigest('x'.repeat(43), 'S256')).toThrow(/SHA-256 digest/);
  });
});
