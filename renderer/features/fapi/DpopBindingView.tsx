// Whether the tokens are bound to the DPoP key (RFC 9449): token_type DPoP, and cnf.jkt of a JWT
// access token against the key's JWK thumbprint; one row per check with its verdict word.
import { useId } from 'react';
import type { DpopBinding } from '../../../shared/dpop';
import { CheckRowsTable } from '../tokens/CheckRowsTable';

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
      <CheckRowsTable rows={binding.rows} />
    </section>
  );
}
