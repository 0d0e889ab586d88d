// Short explanations of the failures people meet most when testing PKCE by hand, keyed on the FlowError
// kind, the OAuth `error` code, and the vendor codes inside `error_description` (Entra ID's AADSTS...).
// Pure data + matching, so the renderer shows it and tests pin it without a UI. Failures main words
// itself with their cause and remedy (timeouts, refused connections, DNS, TLS, oversized or token-less
// answers, a browser that would not open) have no entry: the error view would say it twice.
import type { FlowError, FlowErrorKind } from './errors';
import type { ClientAuthMethod } from './flow-types';
import { PAR_JAR_RULES } from './par-jar-explanations';
import type { TracedActionKind } from './token-actions';

export interface ErrorExplanation {
  /** Stable id, for tests and for keys. */
  id: string;
  title: string;
  /** What probably happened. */
  detail: string;
  /** What to change, in this app's words. */
  fix: string;
}

/** What the flow's trace tells beyond the error itself. */
export interface ErrorContext {
  /** Whether the token request carried code_verifier (false: the "Don't send code_verifier" negative test). */
  codeVerifierSent?: boolean;
  /** Set for a request made after the flow (refresh, revoke...): the code-exchange rules do not apply. */
  action?: TracedActionKind;
  /** How the failed request authenticated the client (from its trace step). */
  clientAuth?: ClientAuthMethod | 'bearer';
}

/** `text` is what the IdP said: error, error_description and the raw body. */
type Matcher = (e: FlowError, text: string, context: ErrorContext) => boolean;

export interface ExplanationRule extends ErrorExplanation {
  matches: Matcher;
}

const has = (text: string, pattern: RegExp) => pattern.test(text);
const oauth = (e: FlowError, code: string) => e.error === code;
// The matchers most rules need: one OAuth `error` code, one vendor code in what the IdP said, one FlowError kind.
const oauthError = (code: string): Matcher => (e) => oauth(e, code);
const saying = (pattern: RegExp): Matcher => (_e, text) => has(text, pattern);
const ofKind = (kind: FlowErrorKind): Matcher => (e) => e.kind === kind;

// Order matters: the first, most specific rules win over generic ones for the same `error` code.
const RULES: ExplanationRule[] = [
  ...PAR_JAR_RULES,
  {
    id: 'refresh_reuse_refused',
    matches: (e, _t, c) => c.action === 'reuse-refresh' && oauth(e, 'invalid_grant'),
    title: 'As expected: the IdP refused the rotated refresh token',
    detail: 'This request sent a refresh token that had already been exchanged for a new one. An IdP that rotates refresh tokens must refuse it (RFC 9700 4.14.2), and should then revoke the newer one too, since a replay means a token may have been stolen: the negative test passed.',
    fix: 'Nothing to fix. Press Refresh on the newest entry to see whether the IdP also revoked the refresh token that replaced this one.',
  },
  {
    id: 'refresh_refused',
    matches: (e, _t, c) => c.action === 'refresh' && oauth(e, 'invalid_grant'),
    title: 'The IdP refused the refresh token (invalid_grant)',
    detail: 'The refresh token has expired, was revoked (by Revoke, a sign-out or a replay of a rotated token), was already used (with rotation only the newest one works), or was issued to another client.',
    fix: 'Refresh from the newest entry of this token, or start a new flow (with offline_access if the IdP needs it for a refresh token).',
  },
  // RFC 9449 (DPoP): proofs refused, and nonce challenges that a retry did not settle.
  {
    id: 'dpop_htu_mismatch',
    matches: (e, text) => oauth(e, 'invalid_dpop_proof') && has(text, /\bhtu\b/i),
    title: 'The DPoP proof was made for another URL (htu mismatch)',
    detail: "A DPoP proof names the URL it is for (htu, without query and fragment), and the server compares it with its own idea of its URL. They differ when the request goes to another host name or port than the server's issuer (localhost for 127.0.0.1, an alias, a proxy or load balancer in between).",
    fix: 'Use the endpoint exactly as the IdP publishes it: press Discover, or copy the URL from its metadata into the field (Access Token URL, UserInfo URL, Call API URL).',
  },
  {
    id: 'dpop_proof_invalid',
    matches: (e) => oauth(e, 'invalid_dpop_proof'),
    title: 'The DPoP proof was refused (invalid_dpop_proof)',
    detail: 'The server did not accept the proof: its algorithm is not one it allows (dpop_signing_alg_values_supported), its iat is too far from the server clock, its ath does not match the access token, or the token is bound to another key (after Rotate DPoP key, tokens of the old key no longer work).',
    fix: 'The trace shows each proof decoded: compare htm, htu, iat and ath with the request. Check the DPoP algorithm in Advanced and this computer\'s clock; for a token bound to an older key, get new tokens.',
  },
  {
    id: 'dpop_nonce_required',
    matches: (e) => oauth(e, 'use_dpop_nonce'),
    title: 'The server kept asking for a DPoP nonce (use_dpop_nonce)',
    detail: 'The request was sent again with the nonce the server gave in DPoP-Nonce (RFC 9449 8), and the server asked again: it rejects its own nonce, or its nonces expire faster than a request takes.',
    fix: 'Try once more (the latest nonce is remembered); if it persists, check the server\'s nonce configuration and clock.',
  },
  {
    id: 'dpop_required',
    matches: (e, text) => oauth(e, 'invalid_request') && has(text, /\bDPoP\b/) && has(text, /(required|missing|not provided|must)/i),
    title: 'The IdP requires DPoP for this client',
    detail: 'The client is registered for sender-constrained tokens (e.g. dpop_bound_access_tokens), so its token requests need a DPoP proof.',
    fix: 'Tick DPoP in Advanced: the profile gets a DPoP key and every token request carries a proof.',
  },
  {
    id: 'bearer_invalid_token',
    matches: oauthError('invalid_token'),
    title: 'The access token was refused (invalid_token)',
    detail: 'The endpoint did not accept the Bearer token: it has expired, was revoked, or was issued for another audience (an API accepts only tokens issued for it).',
    fix: 'Refresh or get a new token; for an API, request its scope (and Resource or Audience in Advanced if the IdP needs one).',
  },
  {
    id: 'insufficient_scope',
    matches: oauthError('insufficient_scope'),
    title: 'The access token lacks a scope this endpoint needs',
    detail: 'The token is valid but was not granted the scope the endpoint requires (RFC 6750 3.1); UserInfo needs openid.',
    fix: 'Add the scope to Scope and get a new token.',
  },
  {
    id: 'unsupported_token_type',
    matches: oauthError('unsupported_token_type'),
    title: 'The IdP cannot revoke this type of token',
    detail: 'The revocation endpoint does not support revoking this token type (RFC 7009 2.2.1); many IdPs revoke refresh tokens only.',
    fix: 'Revoke the refresh token instead, or let the access token expire.',
  },
  {
    id: 'verifier_omitted',
    matches: (e, _t, c) => c.codeVerifierSent === false && (oauth(e, 'invalid_grant') || oauth(e, 'invalid_request')),
    title: 'As expected: the IdP refused a code redeemed without its code_verifier',
    detail: 'This flow left code_verifier out of the token request on purpose ("Don\'t send code_verifier (negative test)"). Refusing it is what an IdP that enforces PKCE must do (RFC 7636 4.6, RFC 9700 2.1.1): the negative test passed.',
    fix: 'Untick "Don\'t send code_verifier (negative test)" in Advanced to get tokens.',
  },
  {
    id: 'verifier_mismatch',
    matches: (e, t, c) => c.codeVerifierSent !== false && (has(t, /AADSTS50148\b|AADSTS501481\b/) || (oauth(e, 'invalid_grant') && has(t, /code[_ ]?verifier|pkce|code[_ ]?challenge/i))),
    title: 'The code verifier does not match the code challenge',
    detail:
      'The IdP hashed the code_verifier of the token request and got something other than the code_challenge of the authorization request. Usual causes: the challenge was sent as hex or as padded base64 instead of base64url without padding; the verifier was changed or regenerated between the two requests; the challenge method differs (plain vs S256); or the code_verifier was left out.',
    fix: 'Leave Code Verifier empty so one verifier is generated and used for both requests, keep Code Challenge Method on SHA-256, and compare the code_challenge in the trace with the "PKCE, step by step" panel. If "Don\'t send code_verifier (negative test)" is ticked, this failure is the expected result.',
  },
  {
    id: 'origin_required',
    matches: saying(/AADSTS9002327\b/),
    title: 'Entra ID: a Single-Page Application needs a cross-origin token request',
    detail: 'The app registration has the redirect URI under the "Single-page application" platform, so Entra ID only redeems its codes when the token request carries an Origin header, as a browser would send.',
    fix: 'Set "Origin header" in Advanced to your SPA\'s origin (e.g. http://localhost:3000), or register the redirect URI under "Mobile and desktop applications" instead.',
  },
  {
    id: 'origin_forbidden',
    matches: saying(/AADSTS9002326\b/),
    title: 'Entra ID: cross-origin redemption is only for Single-Page Applications',
    detail: 'The token request carried an Origin header but the redirect URI is not registered under the "Single-page application" platform.',
    fix: 'Clear "Origin header" in Advanced, or move the redirect URI to the SPA platform.',
  },
  {
    id: 'secret_required',
    matches: saying(/AADSTS7000218\b/),
    title: 'The IdP expects a client secret, and none was sent',
    detail: 'The client is registered as confidential, so the token request must authenticate it (client_secret or client_assertion). This app sent no secret because Client Secret is empty.',
    fix: 'Enter the client secret (the secret VALUE, not its ID), or, for a public client, allow public client flows in the app registration (Entra ID: Authentication > "Allow public client flows").',
  },
  {
    id: 'secret_invalid',
    matches: saying(/AADSTS7000215\b|AADSTS7000222\b/),
    title: 'The client secret is wrong or expired',
    detail: 'Entra ID rejected the secret. A frequent mistake is pasting the secret\'s ID instead of its value; secrets also expire.',
    fix: 'Replace the client secret with the current secret value from the app registration.',
  },
  {
    id: 'public_client_sent_secret',
    matches: saying(/AADSTS700025\b/),
    title: 'A public client must not send a secret',
    detail: 'The client is registered as public, yet the token request carried client credentials.',
    fix: 'Clear the client secret so the request carries client_id only.',
  },
  {
    id: 'invalid_client_certificate',
    matches: (e, _t, c) => (c.clientAuth === 'tls_client_auth' || c.clientAuth === 'self_signed_tls_client_auth') && oauth(e, 'invalid_client'),
    title: 'The IdP did not accept the client certificate',
    detail:
      'With tls_client_auth or self_signed_tls_client_auth the certificate presented in the TLS handshake is the client\'s credential (the trace shows its subject and thumbprint). The IdP refused it: it is not the one registered for this client (tls_client_auth: its subject DN or SAN; self-signed: the certificate in the client\'s jwks), not issued by a CA the IdP trusts, or none reached it (the IdP asks for certificates only at its mtls_endpoint_aliases).',
    fix: 'Compare the subject and thumbprint under Advanced → Client certificate with the client\'s registration, or add the right certificate. Press Discover so requests go to the IdP\'s mTLS endpoints.',
  },
  {
    id: 'assertion_refused',
    matches: (e, t, c) => (oauth(e, 'invalid_client') && (c.clientAuth === 'private_key_jwt' || c.clientAuth === 'client_secret_jwt')) || has(t, /AADSTS700027\b|AADSTS700023\b|AADSTS5002723\b/),
    title: 'The IdP did not accept the client assertion',
    detail:
      'For private_key_jwt the IdP checks the assertion\'s signature with the public keys registered for the client: this key must be among them (the same kid), its algorithm allowed, aud one the IdP accepts (its token endpoint or its issuer: IdPs differ), iss and sub the client ID, and the clocks within the assertion\'s 60 s. For client_secret_jwt the HMAC key is the client secret as registered. The trace shows the assertion\'s header and payload as sent.',
    fix: 'private_key_jwt: register the profile\'s public key (Copy public JWK Set) for this client, or paste the private key whose public half is registered; if the IdP wants another audience, switch Assertion audience. client_secret_jwt: check Client Secret.',
  },
  {
    id: 'invalid_client',
    matches: oauthError('invalid_client'),
    title: 'Client authentication failed',
    detail:
      'The IdP did not accept how the client identified itself: a wrong client ID or secret, the secret sent the other way than the client is registered for (Basic header vs body), or a secret sent by a client registered as public (or none by a confidential one).',
    fix: 'Check Client ID and Client Secret, then try the other "Client Authentication" option (Send as Basic Auth header / Send client credentials in body). For a public client leave the secret empty.',
  },
  {
    id: 'redirect_uri_mismatch',
    matches: (e, t) => has(t, /AADSTS50011\b/) || oauth(e, 'redirect_uri_mismatch') || ((oauth(e, 'invalid_request') || oauth(e, 'invalid_grant')) && has(t, /redirect[_ ]?ur[il]/i)),
    title: 'The redirect URI does not match the registration',
    detail:
      'The redirect_uri must equal a registered one exactly (scheme, host, port, path). With a loopback callback and no port, this app picks an ephemeral port: RFC 8252 says IdPs should accept any port for 127.0.0.1, but some require the exact one. The token request must also repeat the same redirect_uri as the authorization request.',
    fix: 'Register the Callback URL exactly as shown in the trace (or give the Callback URL a fixed port matching the registration).',
  },
  {
    id: 'code_expired_or_used',
    matches: (e, t) => has(t, /AADSTS54005\b|AADSTS70008\b/) || (oauth(e, 'invalid_grant') && has(t, /expired|already (been )?(used|redeemed)|redeemed|replay/i)),
    title: 'The authorization code expired or was already used',
    detail: 'Codes are single-use and short-lived (often a minute or less). Replaying a token request, or a slow paste of the redirect URL, hits this.',
    fix: 'Start a new flow with Get New Access Token; do not reuse a code from an earlier attempt.',
  },
  {
    id: 'invalid_grant',
    matches: oauthError('invalid_grant'),
    title: 'The IdP refused the authorization code (invalid_grant)',
    detail: 'The code is unknown, expired, already used, issued to another client or redirect URI, or the PKCE verifier did not match.',
    fix: 'Start a new flow; if it fails again, compare client_id, redirect_uri and code_verifier in the trace with the authorization request.',
  },
  {
    id: 'unauthorized_client',
    matches: oauthError('unauthorized_client'),
    title: 'This client may not use the authorization code grant',
    detail: 'The client exists but its registration does not allow this grant type or response type (or, for some IdPs, PKCE from this client type).',
    fix: 'Enable the authorization code flow (and, if needed, public client / PKCE) for this client at the IdP.',
  },
  {
    id: 'invalid_scope',
    matches: oauthError('invalid_scope'),
    title: 'A requested scope is unknown or not allowed',
    detail: 'The IdP does not know one of the scopes, or this client may not request it. Entra ID wants resource scopes fully qualified (api://.../scope) and one resource per request.',
    fix: 'Remove scopes one by one to find the culprit, and check the scope names the IdP publishes.',
  },
  {
    id: 'access_denied',
    matches: oauthError('access_denied'),
    title: 'The sign-in was denied or cancelled',
    detail: 'The user cancelled, refused consent, or a policy (conditional access, group assignment) blocked the sign-in.',
    fix: 'Sign in again and grant consent, or ask the IdP admin whether the user is assigned to the app.',
  },
  {
    id: 'state_mismatch',
    matches: ofKind('state_mismatch'),
    title: 'A redirect arrived whose state matches no pending flow',
    detail: 'The state in the redirect was unknown, already used, or from a flow that was cancelled or expired, so the code was refused and the token endpoint was never called (CSRF protection, RFC 6749 10.12).',
    fix: 'Start a new flow and finish it in the browser tab it opens; do not reuse an old sign-in tab or redirect URL.',
  },
  {
    id: 'malformed_redirect',
    matches: ofKind('malformed_redirect'),
    title: 'The redirect was malformed, so its code was not exchanged',
    detail: 'A response parameter appeared twice (RFC 6749 3.1), or code came together with error (4.1.2). Which value is meant is ambiguous, and such URLs are a sign of parameter injection, so the token endpoint was never called.',
    fix: 'Look at the redirect in the trace: a proxy, a rewriting rule or the app registration may be appending parameters. Then start a new flow.',
  },
  {
    id: 'issuer_mismatch',
    matches: ofKind('issuer_mismatch'),
    title: 'The redirect did not name the expected issuer (RFC 9207)',
    detail: 'The IdP advertises authorization_response_iss_parameter_supported, so every redirect must carry iss equal to its issuer. A missing or different iss may mean the response comes from another authorization server (a mix-up attack), so the code was not exchanged.',
    fix: 'Check that Issuer (and the discovered metadata) belong to this IdP. To test how far a mix-up would get, tick Allow issuer mismatch (mix-up test) under Advanced.',
  },
  {
    id: 'flow_expired',
    matches: ofKind('expired'),
    title: 'Where the sign-in may have ended',
    detail: 'The sign-in may still be open in the browser, or the IdP redirected to an address nothing listens on (e.g. https://localhost opened in the system browser).',
    fix: 'If the browser ended on a page that did not load, paste that page\'s URL into "Paste the redirect URL" of the next flow while it waits.',
  },
  {
    id: 'html_response',
    matches: (e, t) => e.kind === 'non_json' || (e.kind === 'http_status' && has(t, /<html|<!doctype html/i)),
    title: 'The token endpoint answered with a web page, not JSON',
    detail: 'This usually means the Access Token URL points at a page (a login page, the authorize endpoint, a portal) rather than the token endpoint, or a proxy answered instead of the IdP.',
    fix: 'Copy the token endpoint from the IdP\'s discovery document (/.well-known/openid-configuration, token_endpoint).',
  },
];

/** Rules about the authorization code and its exchange: they say nothing about a later action's failure. */
const CODE_EXCHANGE_RULES = new Set(['verifier_omitted', 'verifier_mismatch', 'redirect_uri_mismatch', 'code_expired_or_used', 'invalid_grant', 'unauthorized_client', 'html_response', 'invalid_token_response']);

/**
 * The explanations that fit, most specific first; empty when nothing well-known matches. Only what the
 * IdP said is matched (error, error_description, the raw body), not the app's own message, which may
 * already name several possible causes.
 */
export function explainFlowError(error: FlowError, context: ErrorContext = {}): ErrorExplanation[] {
  const text = [error.error, error.errorDescription, error.raw].filter((s): s is string => typeof s === 'string').join('\n');
  const found: ErrorExplanation[] = [];
  for (const rule of RULES) {
    if (context.action !== undefined && CODE_EXCHANGE_RULES.has(rule.id)) continue;
    if (!rule.matches(error, text, context)) continue;
    // A generic invalid_grant / invalid_client adds nothing once a specific cause for it matched.
    if (rule.id === 'invalid_grant' && found.some((f) => ['verifier_omitted', 'verifier_mismatch', 'code_expired_or_used', 'redirect_uri_mismatch'].includes(f.id))) continue;
    if (rule.id === 'invalid_client' && found.some((f) => ['secret_required', 'secret_invalid', 'public_client_sent_secret', 'invalid_client_certificate', 'assertion_refused'].includes(f.id))) continue;
    found.push({ id: rule.id, title: rule.title, detail: rule.detail, fix: rule.fix });
  }
  return found;
}
