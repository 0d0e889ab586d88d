// Code Verifier: empty means a fresh one per flow; a typed or generated one is used as is (warnings,
// never refusals, so non-conforming verifiers can be tested). The derived Code Challenge sits beside it.
import { generateCodeVerifier, VERIFIER_MAX_LENGTH, VERIFIER_MIN_LENGTH } from '../../../shared/pkce';
import { useFormStore } from '../../store/form-store';
import { FieldMessages } from './FieldMessages';
import { useFieldIssues } from './form-issues-context';
import type { ChallengeResult } from './use-challenge';

export function CodeVerifierField({ challenge }: { challenge: ChallengeResult | null }) {
  const verifier = useFormStore((s) => s.settings.codeVerifier);
  const length = useFormStore((s) => s.settings.verifierLength);
  const method = useFormStore((s) => s.settings.codeChallengeMethod);
  const setField = useFormStore((s) => s.setField);
  const issues = useFieldIssues('codeVerifier', 'field-codeVerifier-hint');
  const lengthIssues = useFieldIssues('verifierLength');
  const lengthValid = Number.isInteger(length) && length >= VERIFIER_MIN_LENGTH && length <= VERIFIER_MAX_LENGTH;

  return (
    <div className="field">
      <label htmlFor={issues.id}>Code Verifier</label>
      <div className="field-control">
        <input
          id={issues.id}
          type="text"
          className="mono"
          value={verifier}
          placeholder="Generated for each flow"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={issues.describedBy}
          onChange={(e) => setField('codeVerifier', e.target.value)}
          onBlur={issues.onBlur}
        />
        <button type="button" disabled={!lengthValid} onClick={() => setField('codeVerifier', generateCodeVerifier(length))}>
          Generate
        </button>
        {verifier !== '' && (
          <button type="button" className="link-button" onClick={() => setField('codeVerifier', '')}>
            Use a new one per flow
          </button>
        )}
      </div>
      <div className="field-inline compact">
        <label htmlFor={lengthIssues.id}>Verifier length</label>
        <input
          id={lengthIssues.id}
          type="number"
          min={VERIFIER_MIN_LENGTH}
          max={VERIFIER_MAX_LENGTH}
          value={Number.isNaN(length) ? '' : length}
          aria-invalid={!lengthValid || undefined}
          aria-describedby="field-verifierLength-hint"
          onChange={(e) => setField('verifierLength', e.target.valueAsNumber)}
        />
        <span id="field-verifierLength-hint" className={lengthValid ? 'muted' : 'field-errors'}>
          {lengthValid ? `${VERIFIER_MIN_LENGTH}–${VERIFIER_MAX_LENGTH} characters (RFC 7636)` : `Choose ${VERIFIER_MIN_LENGTH} to ${VERIFIER_MAX_LENGTH}.`}
        </span>
      </div>
      <p id="field-codeVerifier-hint" className="field-hint">
        {verifier === '' ? `Empty: a random ${lengthValid ? length : 64}-character verifier is generated for every flow.` : `${verifier.length} characters, used for every flow until cleared.`}
      </p>
      <FieldMessages issues={issues} />
      {/* A read-only field like Grant Type, so that it reads (and tests) as a field: its value is the challenge. */}
      <div className="derived">
        <label htmlFor="derived-code-challenge">Code Challenge</label>
        <input
          id="derived-code-challenge"
          type="text"
          className="mono"
          readOnly
          value={verifier !== '' && challenge?.ok ? challenge.explained.challenge : ''}
          title={verifier !== '' && challenge?.ok ? challenge.explained.challenge : undefined}
          placeholder={verifier === '' ? 'Computed from each flow’s verifier' : !challenge ? '…' : challenge.ok ? '' : 'Cannot be computed here'}
          aria-describedby="derived-code-challenge-hint"
        />
        <span id="derived-code-challenge-hint" className="muted">
          {verifier !== '' && challenge && !challenge.ok
            ? `Cannot be computed here: ${challenge.reason}`
            : method === 'S256'
              ? 'BASE64URL(SHA-256(verifier)), no padding'
              : 'plain: the verifier itself'}
        </span>
      </div>
    </div>
  );
}
