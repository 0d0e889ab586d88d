// at_hash / c_hash (OIDC Core 3.1.3.6, 3.3.2.11): base64url of the left half of the hash of the
// token's ASCII octets, the hash chosen by the ID token's alg. Hashing is Node's, so it lives in main.
import { createHash } from 'node:crypto';
import { hashForAlg, type HashExpectation } from '../../shared/oidc/id-token-claims';

export function expectedHalfHash(alg: unknown, value: string | undefined, what: string): HashExpectation {
  if (value === undefined) return { unavailable: `the token response has no ${what}` };
  const hash = hashForAlg(alg);
  if (!hash) return { unavailable: `alg ${JSON.stringify(alg) ?? 'missing'} defines no hash to compare with` };
  const digest = createHash(hash.replace('-', '').toLowerCase()).update(value, 'ascii').digest();
  return { value: digest.subarray(0, digest.length / 2).toString('base64url'), hash };
}
