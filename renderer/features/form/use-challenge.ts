// The code challenge of a verifier, computed in the page with WebCrypto as the user types. Results
// are tagged with their input so a slow digest never shows the challenge of an older verifier.
import { useEffect, useState } from 'react';
import { explainCodeChallenge, type ChallengeExplanation, type CodeChallengeMethod } from '../../../shared/pkce';

export function useChallenge(verifier: string, method: CodeChallengeMethod): ChallengeExplanation | null {
  const [result, setResult] = useState<ChallengeExplanation | null>(null);
  useEffect(() => {
    if (verifier === '') return;
    let current = true;
    void explainCodeChallenge(verifier, method).then((explained) => {
      if (current) setResult(explained);
    });
    return () => {
      current = false;
    };
  }, [verifier, method]);
  return result && result.verifier === verifier && result.method === method ? result : null;
}
