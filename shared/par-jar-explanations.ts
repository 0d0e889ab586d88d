// Explanations of the refusals PAR (RFC 9126) and signed request objects (RFC 9101) bring, matched
// like every other rule of error-explanations.ts on what the IdP said.
import type { ExplanationRule } from './error-explanations';

export const PAR_JAR_RULES: ExplanationRule[] = [
  {
    id: 'par_required',
    matches: (e, t) => (e.error === 'invalid_request' || e.error === 'unauthorized_client') && /pushed authorization request|request_uri.*(required|must)|\bPAR\b.*(required|must)/i.test(t),
    title: 'The IdP requires pushed authorization requests (PAR)',
    detail: 'This IdP (or this client at it) only accepts authorization requests pushed to its PAR endpoint first (RFC 9126); the browser must carry only client_id and request_uri. Its metadata then says require_pushed_authorization_requests: true.',
    fix: 'Tick Use PAR in Advanced (Discover fills its endpoint, or fill PAR URL), then start again.',
  },
  {
    id: 'invalid_request_object',
    matches: (e) => e.error === 'invalid_request_object',
    title: 'The IdP refused the signed request object',
    detail:
      'Its signature did not verify with the public key registered for the client (another key, a kid it does not know, or a payload changed after signing), its alg is not the registered one, or a claim is wrong: iss must be the client_id, aud the issuer, and exp / nbf must hold now.',
    fix: 'Register the public JWK Set of the profile\'s signing key at the IdP (with its kid and alg), check Issuer, and compare the request object in the trace with what the IdP expects.',
  },
  {
    id: 'invalid_request_uri',
    matches: (e) => e.error === 'invalid_request_uri',
    title: 'The request_uri was refused',
    detail: 'A pushed request_uri works once and only until it expires (often 60 s): a sign-in started late, or a reused authorization URL, hits this.',
    fix: 'Start a new flow and sign in within the request_uri\'s lifetime (shown with the flow).',
  },
  {
    id: 'request_not_supported',
    matches: (e) => e.error === 'request_not_supported' || e.error === 'request_uri_not_supported',
    title: 'The IdP does not accept request objects here',
    detail: 'It answered request_not_supported (or request_uri_not_supported): it does not implement RFC 9101 request objects, or not for this client.',
    fix: 'Untick Sign the authorization request (or Use PAR, for request_uri) in Advanced.',
  },
];
