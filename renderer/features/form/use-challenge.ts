// The code challenge of a verifier, computed in the page with WebCrypto as the user types. Results
// are tagged with their input so a slow digest never shows the challenge of an older verifier.
import { useEffect, useState } from 'react';
import { explainCodeChallenge, type ChallengeExplanation, type CodeChallengeMethod } from '../../../shared/pkce';

export type ChallengeResult = { ok: true; explained: ChallengeExplanation } | { ok: false; reason: string };

interface Tagged {
  verifier: string;
  method: CodeChallengeMethod;
  result: ChallengeResult;
}

export function useChallenge(verifier: string, method: CodeChallengeMethod): ChallengeResult | null {
  const [latest, setLatest] = useState<Tagged | null>(null);
  useEffect(() => {
    if (verifier === '') return;
    let current = true;
    explainCodeChallenge(verifier, method).then(
      (explained) => current && setLatest({ verifier, method, result: { ok: true, explained } }),
      // WebCrypto exists only in a secure context; say why rather than show nothing.
      (err: unknown) => current && setLatest({ verifier, method, result: { ok: false, reason: err instanceof Error ? err.message : String(err) } }),
    );
    return () => {
      current = false;
    };
  }, [verifier, method]);
  return latest && latest.verifier === verifier && latest.method === method ? latest.result : null;
}
