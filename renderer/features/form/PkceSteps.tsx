// "PKCE, step by step": every intermediate value of the S256 computation, with the two encodings
// people send by mistake (hex, padded base64) marked as wrong next to the right one (base64url, no
// padding). Beside a pasted challenge, it says which of them it is.
import { useId, useState } from 'react';
import type { ChallengeExplanation } from '../../../shared/pkce';
import { maskValue } from '../trace/mask';

function groupHex(hex: string): string {
  return hex.replace(/(..)(?!$)/g, '$1 ');
}

type Verdict = { ok: boolean; text: string };

export function compareChallenge(candidate: string, explained: ChallengeExplanation): Verdict | null {
  const c = candidate.trim();
  if (c === '') return null;
  if (c === explained.challenge) return { ok: true, text: 'Matches the code_challenge.' };
  if (explained.sha256Hex && c.toLowerCase() === explained.sha256Hex) return { ok: false, text: 'This is the SHA-256 digest in hex: the right hash, the wrong encoding. PKCE wants base64url.' };
  if (explained.sha256Base64 && c === explained.sha256Base64) return { ok: false, text: 'This is standard base64 with padding: use base64url (- and _ instead of + and /) and drop the "=".' };
  if (explained.sha256Base64 && c === explained.sha256Base64.replace(/=+$/, '')) return { ok: false, text: 'This is standard base64: use - and _ instead of + and /.' };
  if (c === explained.verifier) return { ok: false, text: 'This is the verifier itself: what the plain method sends, not S256.' };
  return { ok: false, text: 'Does not match this verifier in any common encoding: a different verifier was used.' };
}

interface Step {
  label: string;
  value: string;
  verdict?: 'right' | 'wrong';
  note?: string;
}

interface PkceStepsProps {
  explained: ChallengeExplanation | null;
  /** Where the verifier comes from, in words. */
  source: string;
  /** A flow's generated verifier is a secret like the trace's: masked until "Reveal secrets". */
  maskVerifier?: boolean;
}

const MASK_NOTE = 'Masked: tick "Reveal secrets" in the Trace tab to show it.';

export function PkceSteps({ explained, source, maskVerifier = false }: PkceStepsProps) {
  const [candidate, setCandidate] = useState('');
  const compareId = useId();
  if (!explained) {
    return (
      <section className="panel pkce-steps" aria-labelledby="pkce-steps-title">
        <h3 id="pkce-steps-title">PKCE, step by step</h3>
        <p className="muted">Type or generate a Code Verifier (or start a flow) to see how its code_challenge is computed.</p>
      </section>
    );
  }
  const steps: Step[] =
    explained.method === 'plain'
      ? [
          { label: 'code_verifier', value: maskVerifier ? maskValue(explained.verifier) : explained.verifier, ...(maskVerifier ? { note: MASK_NOTE } : {}) },
          { label: 'code_challenge (plain = the verifier, unchanged)', value: maskVerifier ? maskValue(explained.challenge) : explained.challenge, verdict: 'right' },
        ]
      : [
          { label: '1. code_verifier', value: maskVerifier ? maskValue(explained.verifier) : explained.verifier, ...(maskVerifier ? { note: MASK_NOTE } : {}) },
          { label: '2. ASCII bytes (hex)', value: maskVerifier ? `•••••• (${explained.verifierBytesHex.length / 2} bytes)` : groupHex(explained.verifierBytesHex) },
          { label: '3. SHA-256 digest (hex)', value: explained.sha256Hex ?? '', verdict: 'wrong', note: 'Not the challenge: hex is how the digest is usually printed.' },
          { label: '4. Same digest, base64 (padded)', value: explained.sha256Base64 ?? '', verdict: 'wrong', note: 'Not the challenge: standard base64 with + / and = padding.' },
          { label: '5. Same digest, base64url, no padding = code_challenge', value: explained.challenge, verdict: 'right', note: 'Sent as code_challenge with code_challenge_method=S256.' },
        ];
  const verdict = compareChallenge(candidate, explained);
  return (
    <section className="panel pkce-steps" aria-labelledby="pkce-steps-title">
      <h3 id="pkce-steps-title">PKCE, step by step</h3>
      <p className="muted">{source}</p>
      <ol className="steps">
        {steps.map((s) => (
          <li key={s.label} className={s.verdict ? `step step-${s.verdict}` : 'step'}>
            <div className="step-label">
              {s.verdict === 'right' && <span className="badge badge-ok">✓ code_challenge</span>}
              {s.verdict === 'wrong' && <span className="badge badge-bad">✗ not the challenge</span>} {s.label}
            </div>
            <code className="step-value">{s.value}</code>
            {s.note && <div className="muted small">{s.note}</div>}
          </li>
        ))}
      </ol>
      <div className="field">
        <label htmlFor={compareId}>Compare with a challenge you have</label>
        <input id={compareId} type="text" className="mono" value={candidate} spellCheck={false} onChange={(e) => setCandidate(e.target.value)} />
        {verdict && (
          <p className={verdict.ok ? 'ok-text' : 'field-errors'} role="status">
            {verdict.text}
          </p>
        )}
      </div>
    </section>
  );
}
