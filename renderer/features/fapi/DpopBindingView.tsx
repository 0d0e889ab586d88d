// Whether the tokens are bound to the DPoP key (RFC 9449): token_type DPoP, and cnf.jkt of a JWT
// access token against the key's JWK thumbprint; one row per check with its verdict word.
import { useId } from 'react';
import type { DpopBinding, DpopVerdict } from '../../../shared/dpop';
import '../tokens/validation.css';

const VERDICT_CLASS: Record<DpopVerdict, string> = { pass: 'verdict-pass', fail: 'verdict-fail', 'not checked': 'verdict-unchecked' };

export function DpopBindingView({ binding }: { binding: DpopBinding }) {
  const headingId = useId();
  const ignored = binding.rows.some((r) => r.name === 'Token type' && r.verdict === 'fail');
  return (
    <section className="token-validation" aria-labelledby={headingId}>
      <h4 id={headingId} className="group-title">
        DPoP Binding
      </h4>
      <p className="muted small">
        JWK thumbprint of the DPoP key: <code className="mono">{binding.thumbprint}</code>
      </p>
      {ignored && (
        <p className="note note-warning" role="alert">
          DPoP was used, but token_type came back Bearer: the IdP ignored the proof, so this token is not sender-constrained.
        </p>
      )}
      <table className="validation-rows">
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Verdict</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {binding.rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              <td>
                <span className={`verdict ${VERDICT_CLASS[r.verdict]}`}>{r.verdict}</span>
              </td>
              <td className="wrap">{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
