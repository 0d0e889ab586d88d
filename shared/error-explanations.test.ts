import { describe, expect, it } from 'vitest';
import type { FlowError } from './errors';
import { explainFlowError, type ErrorContext } from './error-explanations';

const ids = (e: FlowError, context?: ErrorContext) => explainFlowError(e, context).map((x) => x.id);
const oauthError = (error: string, errorDescription?: string): FlowError => ({
  kind: 'oauth_error',
  message: `The token endpoint answered ${error}`,
  error,
  ...(errorDescription ? { errorDescription } : {}),
  httpStatus: 400,
});

describe('explainFlowError', () => {
  it('Entra ID verifier mismatch (AADSTS50148, AADSTS501481)', () => {
    expect(ids(oauthError('invalid_grant', 'AADSTS50148: The code_verifier provided does not match the code_challenge supplied in the authorization request for PKCE.'))).toEqual(['verifier_mismatch']);
    expect(ids(oauthError('invalid_grant', 'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.'))).toEqual(['verifier_mismatch']);
  });

  it('a generic PKCE failure from another IdP', () => {
    expect(ids(oauthError('invalid_grant', 'PKCE verification failed'))).toEqual(['verifier_mismatch']);
    expect(ids(oauthError('invalid_grant', 'grant request is invalid'))).toEqual(['invalid_grant']);
  });

  it('invalid_client, and the Entra variants that say which way it is wrong', () => {
    expect(ids(oauthError('invalid_client', 'client authentication failed'))).toEqual(['invalid_client']);
    expect(ids(oauthError('invalid_client', "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'."))).toEqual(['secret_required']);
    // An assertion refused: explained as such, from the flow's trace or Entra ID's code.
    expect(ids(oauthError('invalid_client', 'client authentication failed'), { clientAuth: 'private_key_jwt' })).toEqual(['assertion_refused']);
    expect(ids(oauthError('invalid_client', 'AADSTS700027: Client assertion failed signature validation.'))).toEqual(['assertion_refused']);
    expect(ids(oauthError('invalid_client', 'client authentication failed'), { clientAuth: 'basic' })).toEqual(['invalid_client']);
    expect(ids(oauthError('invalid_client', 'AADSTS7000215: Invalid client secret provided.'))).toEqual(['secret_invalid']);
  });

  it('redirect URI mismatch, expired or replayed codes, the SPA Origin rule', () => {
    expect(ids(oauthError('invalid_request', "AADSTS50011: The redirect URI 'http://127.0.0.1:5123/callback' specified in the request does not match"))).toEqual(['redirect_uri_mismatch']);
    expect(ids(oauthError('invalid_grant', 'AADSTS54005: OAuth2 Authorization code was already redeemed'))).toEqual(['code_expired_or_used']);
    expect(ids(oauthError('invalid_grant', 'AADSTS70008: The provided authorization code or refresh token has expired'))).toEqual(['code_expired_or_used']);
    const spa = ids(oauthError('invalid_request', "AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests."));
    expect(spa).toEqual(['origin_required']);
    expect(explainFlowError(oauthError('invalid_request', 'AADSTS9002327'))[0]?.fix).toMatch(/Origin header/);
  });

  it('OAuth codes from the authorization redirect', () => {
    expect(ids({ kind: 'authorization_error', message: 'x', error: 'unauthorized_client' })).toEqual(['unauthorized_client']);
    expect(ids({ kind: 'authorization_error', message: 'x', error: 'invalid_scope' })).toEqual(['invalid_scope']);
    expect(ids({ kind: 'authorization_error', message: 'x', error: 'access_denied' })).toEqual(['access_denied']);
  });

  it('nothing for failures main explains in its own message (it would be said twice), an HTML page instead of JSON', () => {
    for (const kind of ['timeout', 'connection_refused', 'dns', 'tls', 'network', 'response_too_large', 'invalid_token_response', 'launch_failed'] as const) {
      expect(ids({ kind, message: 'x' })).toEqual([]);
    }
    expect(ids({ kind: 'state_mismatch', message: 'x' })).toEqual(['state_mismatch']);
    expect(ids({ kind: 'expired', message: 'x' })).toEqual(['flow_expired']);
    expect(ids({ kind: 'non_json', message: 'x', raw: '<html>login</html>', httpStatus: 200 })).toEqual(['html_response']);
    expect(ids({ kind: 'http_status', message: 'x', raw: '<!DOCTYPE html><p>502</p>', httpStatus: 502 })).toEqual(['html_response']);
  });

  it('an invalid_grant after leaving code_verifier out is the negative test passing, not a mismatch', () => {
    const refused = oauthError('invalid_grant', 'grant request is invalid');
    expect(ids(refused)).toEqual(['invalid_grant']);
    expect(explainFlowError(refused, { codeVerifierSent: false }).map((x) => x.id)).toEqual(['verifier_omitted']);
    expect(explainFlowError(oauthError('invalid_grant', 'PKCE verification failed'), { codeVerifierSent: false }).map((x) => x.id)).toEqual(['verifier_omitted']);
  });

  it("matches what the IdP said, not the app's own message listing possible causes", () => {
    const e: FlowError = { ...oauthError('invalid_grant', 'grant request is invalid'), message: 'Usual causes: the code_verifier does not match, the code expired, or the redirect_uri differs.' };
    expect(ids(e)).toEqual(['invalid_grant']);
  });

  it('nothing made up for an error it does not know', () => {
    expect(ids(oauthError('temporarily_unavailable'))).toEqual([]);
    expect(ids({ kind: 'cancelled', message: 'Stopped by you before the IdP redirected back.' })).toEqual([]);
  });
});
