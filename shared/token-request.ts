// The token request (RFC 6749 4.1.3 + RFC 7636 4.5), built as plain data so the trace shows exactly
// what is sent. Hand-built rather than through oauth4webapi because an inspector must be able to send
// what such a library refuses: `plain`, non-conforming verifiers, no verifier, an Origin header for
// Entra ID SPA registrations, and to show any answer, however malformed.
import { base64Encode, formUrlEncode, utf8Bytes } from './encoding';
import type { ClientAuthMethod } from './flow-types';
import { applyExtraParams } from './authorize-url';
import type { KeyValueRow } from './settings';

export interface TokenRequestInput {
  tokenUrl: string;
  code: string;
  redirectUri: string;
  clientId: string;
  /** null: leave code_verifier out (a negative test). */
  codeVerifier: string | null;
  /** Empty or null: a public client. Nothing secret is sent then: no Basic header, no client_secret. */
  clientSecret: string | null;
  clientAuthentication: 'basic' | 'body';
  audience?: string;
  resource?: string;
  extraParams?: KeyValueRow[];
  /** Sent as the Origin header when set (Entra ID SPA: AADSTS9002327). */
  origin?: string;
}

export interface TokenRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  bodyParams: [string, string][];
  clientAuth: ClientAuthMethod;
}

export const REDACTED = '[redacted]';

export function buildTokenRequest(input: TokenRequestInput): TokenRequest {
  const params = new URLSearchParams();
  params.set('grant_type', 'authorization_code');
  params.set('code', input.code);
  params.set('redirect_uri', input.redirectUri);
  if (input.codeVerifier !== null) params.set('code_verifier', input.codeVerifier);
  if (input.audience?.trim()) params.set('audience', input.audience.trim());
  if (input.resource?.trim()) params.set('resource', input.resource.trim());

  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const secret = input.clientSecret ?? '';
  let clientAuth: ClientAuthMethod;
  if (secret === '') {
    clientAuth = 'none';
    params.set('client_id', input.clientId);
  } else if (input.clientAuthentication === 'basic') {
    clientAuth = 'basic';
    headers.authorization = basicAuthorization(input.clientId, secret);
  } else {
    clientAuth = 'body';
    params.set('client_id', input.clientId);
    params.set('client_secret', secret);
  }
  if (input.origin?.trim()) headers.origin = input.origin.trim();
  applyExtraParams(params, input.extraParams ?? []);
  return { url: input.tokenUrl, method: 'POST', headers, body: params.toString(), bodyParams: [...params.entries()], clientAuth };
}

/** RFC 6749 2.3.1: id and secret are form-urlencoded first, then joined by ':' and base64-encoded. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${base64Encode(utf8Bytes(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`))}`;
}

/** A copy fit for a trace: the client secret never appears, in the body or inside the Basic header. */
export function redactTokenRequest(request: TokenRequest): TokenRequest {
  const headers = { ...request.headers };
  if (headers.authorization) headers.authorization = `Basic ${REDACTED}`;
  const bodyParams = request.bodyParams.map(([k, v]): [string, string] => [k, k === 'client_secret' ? REDACTED : v]);
  const body = new URLSearchParams(bodyParams).toString();
  return { ...request, headers, bodyParams, body };
}
