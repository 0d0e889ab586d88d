// What an `error` redirect from the authorization endpoint (RFC 6749 4.1.2.1, OIDC Core 3.1.2.6)
// means for the person testing, so the flow's failure says what to change.
import type { FlowError } from '../../shared/errors';
import type { ParsedRedirect } from '../../shared/redirect';

const HINTS: Record<string, string> = {
  access_denied: 'The user declined, or is not allowed to use this application (e.g. not assigned to it at the IdP).',
  invalid_request: 'The IdP found the authorization request malformed: look at its description (a missing code_challenge, an unsupported code_challenge_method, a redirect_uri it does not know...).',
  unauthorized_client: 'This client may not use the authorization code flow; check its registration.',
  unsupported_response_type: 'The IdP does not allow response_type=code for this client.',
  invalid_scope: 'A requested scope is unknown or not allowed for this client.',
  server_error: 'The IdP had an internal error; try again or look at its logs.',
  temporarily_unavailable: 'The IdP is overloaded or in maintenance; try again later.',
  login_required: 'prompt=none was sent but nobody is signed in at the IdP: remove prompt=none or sign in first.',
  consent_required: 'prompt=none was sent but the user has not consented to these scopes yet.',
  interaction_required: 'prompt=none was sent but the IdP needs the user to interact.',
  account_selection_required: 'prompt=none was sent but the IdP needs the user to pick an account.',
};

export function authorizationError(redirect: ParsedRedirect, url: string): FlowError {
  const error = redirect.error ?? 'unknown_error';
  const hint = HINTS[error];
  const flowError: FlowError = {
    kind: 'authorization_error',
    message: `The IdP returned an error instead of a code: ${error}${redirect.errorDescription ? ` (${redirect.errorDescription})` : ''}.${hint ? ` ${hint}` : ''}`,
    error,
    raw: url,
  };
  if (redirect.errorDescription !== undefined) flowError.errorDescription = redirect.errorDescription;
  if (redirect.errorUri !== undefined) flowError.errorUri = redirect.errorUri;
  if (hint !== undefined) flowError.hint = hint;
  return flowError;
}
