// Why a flow failed: what the IdP said (error, error_description, error_uri, HTTP status, raw body)
// and, for well-known causes, what it most likely means and what to change.
import { useState } from 'react';
import type { FlowError, FlowErrorKind } from '../../../shared/errors';
import { explainFlowError, type ErrorContext } from '../../../shared/error-explanations';

const KIND_LABELS: Record<FlowErrorKind, string> = {
  authorization_error: 'The IdP refused the authorization request',
  state_mismatch: 'State mismatch',
  malformed_redirect: 'Malformed redirect',
  issuer_mismatch: 'Issuer mismatch (RFC 9207)',
  connection_refused: 'Connection refused',
  dns: 'Host not found (DNS)',
  tls: 'TLS error',
  timeout: 'Timed out',
  network: 'Network error',
  response_too_large: 'Response too large',
  non_json: 'Not a JSON response',
  oauth_error: 'The token endpoint returned an OAuth error',
  http_status: 'Unexpected HTTP status',
  invalid_token_response: 'Invalid token response',
  launch_failed: 'Could not open the sign-in page',
  par_failed: 'The pushed authorization request (PAR) failed',
  client_assertion: 'No client assertion could be made',
  // The status badge already says "Cancelled" / "Expired"; the heading says what that means.
  cancelled: 'Flow stopped',
  expired: 'No redirect in time',
};

/** Only http(s) links are rendered as links: error_uri comes from the IdP and is not trusted. */
function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export function FlowErrorView({ error, context }: { error: FlowError; context?: ErrorContext }) {
  const explanations = explainFlowError(error, context);
  const errorUri = error.errorUri ? safeHttpUrl(error.errorUri) : null;
  return (
    <div className="flow-error" role="alert">
      <h4>
        {KIND_LABELS[error.kind]}
        {error.httpStatus !== undefined && <span className="badge badge-bad">HTTP {error.httpStatus}</span>}
      </h4>
      {/* With an OAuth error code, the facts below show the code and description once (so "invalid_client"
          appears once on the page); the sentence keeps what they mean, unless an explanation below says
          it already, in more words (the hint and the explanation of invalid_client are the same advice). */}
      {error.error === undefined ? <p>{error.message}</p> : error.hint && explanations.length === 0 ? <p>{error.hint}</p> : null}
      {(error.error || error.errorDescription || error.errorUri) && (
        <dl className="facts">
          {error.error && (
            <>
              <dt>error</dt>
              <dd className="mono">{error.error}</dd>
            </>
          )}
          {error.errorDescription && (
            <>
              <dt>error_description</dt>
              <dd className="wrap">{error.errorDescription}</dd>
            </>
          )}
          {error.errorUri && (
            <>
              <dt>error_uri</dt>
              <dd className="mono">
                {errorUri ? (
                  <a href={errorUri} target="_blank" rel="noopener noreferrer">
                    {errorUri}
                  </a>
                ) : (
                  error.errorUri
                )}
              </dd>
            </>
          )}
        </dl>
      )}
      {explanations.map((x) => (
        <div key={x.id} className="explanation" data-explanation={x.id}>
          <h5>{x.title}</h5>
          <p>{x.detail}</p>
          <p>
            <strong>Try: </strong>
            {x.fix}
          </p>
        </div>
      ))}
      {error.raw !== undefined && error.raw !== '' && <RawResponse raw={error.raw} />}
    </div>
  );
}

/** The raw body, in the page only while open: collapsed, its text is neither shown nor found by a search. */
function RawResponse({ raw }: { raw: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="raw" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Raw response</summary>
      {open && <pre className="mono">{raw}</pre>}
    </details>
  );
}
