// PKCE (RFC 7636): verifier generation, challenge computation shown step by step, and a lenient
// verifier check that warns instead of refusing, so a tester can probe an IdP that is looser than
// the spec (Azure AD, for one, does not enforce the verifier length).
import { base64Encode, base64UrlEncode, hexEncode, utf8Bytes } from './encoding';

export type CodeChallengeMethod = 'S256' | 'plain';

export const UNRESERVED_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
export const VERIFIER_MIN_LENGTH = 43;
export const VERIFIER_MAX_LENGTH = 128;
export const DEFAULT_VERIFIER_LENGTH = 64;

/** A verifier from the platform's CSPRNG only, uniform over the 66 unreserved characters. */
export function generateCodeVerifier(length: number = DEFAULT_VERIFIER_LENGTH): string {
  if (!Number.isInteger(length) || length < VERIFIER_MIN_LENGTH || length > VERIFIER_MAX_LENGTH) {
    throw new RangeError(`Code verifier length must be a whole number from ${VERIFIER_MIN_LENGTH} to ${VERIFIER_MAX_LENGTH}, got ${length}.`);
  }
  const alphabet = UNRESERVED_CHARACTERS;
  // Rejection sampling: bytes at or above the largest multiple of 66 would bias the first characters.
  const limit = 256 - (256 % alphabet.length);
  let verifier = '';
  while (verifier.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (let i = 0; i < bytes.length && verifier.length < length; i++) {
      const byte = bytes[i]!;
      if (byte < limit) verifier += alphabet[byte % alphabet.length];
    }
  }
  return verifier;
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export async function computeCodeChallenge(verifier: string, method: CodeChallengeMethod): Promise<string> {
  return (await explainCodeChallenge(verifier, method)).challenge;
}

/** Every intermediate value of the challenge computation, to show users where hex and base64url differ. */
export interface ChallengeExplanation {
  method: CodeChallengeMethod;
  verifier: string;
  /** The verifier's bytes as hex (ASCII for a spec-conforming verifier). */
  verifierBytesHex: string;
  /** SHA-256 of those bytes, as hex: what many tools wrongly send as the challenge. */
  sha256Hex?: string;
  /** The same digest in standard base64 with padding: also wrong for PKCE. */
  sha256Base64?: string;
  /** BASE64URL-ENCODE(SHA256(ASCII(verifier))) without padding: the S256 challenge. */
  challenge: string;
}

export async function explainCodeChallenge(verifier: string, method: CodeChallengeMethod): Promise<ChallengeExplanation> {
  return explainFromDigest(verifier, method, method === 'plain' ? undefined : await sha256(utf8Bytes(verifier)));
}

/** The same explanation from the verifier's SHA-256 digest computed elsewhere (main hashes synchronously); none for plain. */
export function explainFromDigest(verifier: string, method: CodeChallengeMethod, digest?: Uint8Array): ChallengeExplanation {
  const bytes = utf8Bytes(verifier);
  if (method === 'plain') {
    return { method, verifier, verifierBytesHex: hexEncode(bytes), challenge: verifier };
  }
  if (!digest) throw new TypeError('An S256 code challenge needs the SHA-256 digest of the verifier.');
  return {
    method,
    verifier,
    verifierBytesHex: hexEncode(bytes),
    sha256Hex: hexEncode(digest),
    sha256Base64: base64Encode(digest),
    challenge: base64UrlEncode(digest),
  };
}

export type VerifierWarningCode = 'empty' | 'too_short' | 'too_long' | 'invalid_characters' | 'low_entropy';

export interface VerifierWarning {
  code: VerifierWarningCode;
  message: string;
}

/** Warnings, never errors: the user may deliberately send a non-conforming verifier. */
export function checkCodeVerifier(verifier: string): VerifierWarning[] {
  const warnings: VerifierWarning[] = [];
  if (verifier.length === 0) {
    return [{ code: 'empty', message: 'The code verifier is empty; RFC 7636 requires 43 to 128 characters.' }];
  }
  if (verifier.length < VERIFIER_MIN_LENGTH) {
    warnings.push({ code: 'too_short', message: `${verifier.length} characters: RFC 7636 requires at least ${VERIFIER_MIN_LENGTH}. Some IdPs (Azure AD) accept it; a strict one will reject it.` });
  }
  if (verifier.length > VERIFIER_MAX_LENGTH) {
    warnings.push({ code: 'too_long', message: `${verifier.length} characters: RFC 7636 allows at most ${VERIFIER_MAX_LENGTH}.` });
  }
  const invalid = [...new Set([...verifier].filter((c) => !UNRESERVED_CHARACTERS.includes(c)))];
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 8).map((c) => JSON.stringify(c)).join(', ');
    warnings.push({ code: 'invalid_characters', message: `Characters outside A-Z a-z 0-9 - . _ ~ : ${shown}. RFC 7636 forbids them.` });
  }
  const bits = estimatedEntropyBits(verifier);
  if (bits < 128) {
    warnings.push({ code: 'low_entropy', message: `Low entropy: about ${Math.round(bits)} bits estimated from its characters; RFC 7636 recommends 256 bits (a random 43-character verifier).` });
  }
  return warnings;
}

/** Shannon entropy of the verifier's own character distribution, times its length: a cheap guess that flags repeats and patterns. */
export function estimatedEntropyBits(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * text.length;
}

/** A random opaque value for `state` or `nonce`: 32 bytes from the CSPRNG, base64url. */
export function randomToken(byteLength = 32): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(byteLength)));
}
