// The flow's code challenge, hashed with node:crypto. The renderer's WebCrypto digest (shared/pkce.ts)
// is asynchronous and, in Node, runs on the thread pool: the round trip added up to half a
// millisecond to every flow start on a busy 2-core machine, for 64 bytes of hashing.
import { createHash } from 'node:crypto';
import { explainFromDigest, type ChallengeExplanation, type CodeChallengeMethod } from '../../shared/pkce';

export function explainCodeChallengeNow(verifier: string, method: CodeChallengeMethod): ChallengeExplanation {
  return explainFromDigest(verifier, method, method === 'plain' ? undefined : createHash('sha256').update(verifier, 'utf8').digest());
}
