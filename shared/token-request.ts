// The token request (RFC 6749 4.1.3 + RFC 7636 4.5), built as plain data so the trace shows exactly
// what is sent. Hand-built rather than through oauth4webapi because an inspector must be able to send
// what such a library refuses: `plain`, non-conforming verifiers, no verifier, an Origin header for
// Entra ID SPA registrations, and to show any answer, however malformed.
import { base64Encode, formUrlEncode, utf8Bytes } from './encoding';
import type { ClientAuthMethod } from './flow-types';
import { applyExtraParams } from './authorize-url';
import type { ClientAuthentication, KeyValueRow } from './settings';

export interface TokenRequestInput {
  tokenUrl: string;
  code: string;
  redirectUri: string;
  clientId: string;
  /** null: leave code_verifier out (a negative test). */
  codeVerifier: string | null;
  /** Empty or null: a public client. Nothing secret is sent then: no Basic header, no client_secret. */
  clientSecret: string | null;
  clientAuthentication: ClientAuthentication;
  /** private_key_jwt / client_secret_jwt: the signed assertion (RFC 7523 2.2), made in main. */
  clientAssertion?: string;
  audience?: string;
  resource?: string;
  /** Each placed by its Send as: body (the default), URL query or header. */
  extraParams?: KeyValueRow[];
  /** Sent as the Origin header when set (Entra ID SPA: AADSTS9002327). */
  origin?: string;
}

export interface RefreshRequestInput {
  tokenUrl: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string | null;
  clientAuthentication: ClientAuthentication;
  /** private_key_jwt / client_secret_jwt: the signed assertion (RFC 7523 2.2), made in main. */
  clientAssertion?: string;
  extraParams?: KeyValueRow[];
  origin?: string;
}

/** RFC 6749 6: the refresh request, authenticated as the token request is. */
export function buildRefreshRequest(input: RefreshRequestInput): TokenRequest {
  return buildClientPost({ ...input, url: input.tokenUrl, params: [['grant_type', 'refresh_token'], ['refresh_token', input.refreshToken]] });
}

/** A type, not an interface: the trace keeps it (TracedClientPost), and trace entries must fit a record type. */
export type TokenRequest = {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  bodyParams: [string, string][];
  clientAuth: ClientAuthMethod;
};

export const REDACTED = '[redacted]';

/** The methods whose request carries a client assertion (RFC 7523): single-use, so a resend needs a fresh one. */
export function carriesAssertion(clientAuth: string): boolean {
  return clientAuth === 'private_key_jwt' || clientAuth === 'client_secret_jwt';
}
/** RFC 7523 2.2. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function buildTokenRequest(input: TokenRequestInput): TokenRequest {
  return buildClientPost({ ...input, url: input.tokenUrl, params: tokenRequestParams(input) });
}

/** The token request's own parameters, before client authentication (main adds it, see main/client-auth/). */
export function tokenRequestParams(input: Pick<TokenRequestInput, 'code' | 'redirectUri' | 'codeVerifier' | 'audience' | 'resource'>): [string, string][] {
  const params: [string, string][] = [
    ['grant_type', 'authorization_code'],
    ['code', input.code],
    ['redirect_uri', input.redirectUri],
  ];
  if (input.codeVerifier !== null) params.push(['code_verifier', input.codeVerifier]);
  if (input.audience?.trim()) params.push(['audience', input.audience.trim()]);
  if (input.resource?.trim()) params.push(['resource', input.resource.trim()]);
  return params;
}

export interface ClientPostInput {
  url: string;
  /** The request's own parameters, in order. */
  params: [string, string][];
  clientId: string;
  /** Empty or null: a public client (client_id in the body, nothing secret sent). */
  clientSecret: string | null;
  clientAuthentication: ClientAuthentication;
  /** private_key_jwt / client_secret_jwt: the signed assertion (RFC 7523 2.2), made in main. */
  clientAssertion?: string;
  /** Placed by their Send as (absent: the body). */
  extraParams?: KeyValueRow[];
  origin?: string;
}

/**
 * A form POST authenticated as the client (RFC 6749 2.3.1), shared by the token, refresh,
 * revocation (RFC 7009 2.1) and introspection (RFC 7662 2.1) requests.
 */
export function buildClientPost(input: ClientPostInput): TokenRequest {
  const params = new URLSearchParams(input.params);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const secret = input.clientSecret ?? '';
  let clientAuth: ClientAuthMethod;
  const method = input.clientAuthentication;
  if (method === 'private_key_jwt' || method === 'client_secret_jwt') {
    // RFC 7523 2.2 / OIDC Core 9: client_id is optional beside an assertion but sent, since IdPs differ.
    if (!input.clientAssertion) throw new Error(`${method} needs a client assertion; none was made.`);
    clientAuth = method;
    params.set('client_id', input.clientId);
    params.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
    params.set('client_assertion', input.clientAssertion);
  } else if (method === 'tls_client_auth' || method === 'self_signed_tls_client_auth') {
    // RFC 8705 2: the TLS client certificate authenticates; the body only names the client.
    clientAuth = method;
    params.set('client_id', input.clientId);
  } else if (secret === '') {
    clientAuth = 'none';
    params.set('client_id', input.clientId);
  } else if (method === 'basic') {
    clientAuth = 'basic';
    headers.authorization = basicAuthorization(input.clientId, secret);
  } else {
    clientAuth = 'body';
    params.set('client_id', input.clientId);
    params.set('client_secret', secret);
  }
  if (input.origin?.trim()) headers.origin = input.origin.trim();
  const placed = placeExtraParams(input.extraParams ?? [], 'body');
  applyExtraParams(params, placed.body);
  Object.assign(headers, placed.headers);
  const url = withQueryParams(input.url, placed.query);
  return { url, method: 'POST', headers, body: params.toString(), bodyParams: [...params.entries()], clientAuth };
}

export interface PlacedParams {
  query: KeyValueRow[];
  body: KeyValueRow[];
  /** Header name (lower-case) → value; a name given twice keeps its last value. */
  headers: Record<string, string>;
}

/** Splits extra-parameter rows by their Send as; rows without one go to `usual`. Disabled rows are dropped. */
export function placeExtraParams(rows: KeyValueRow[], usual: 'query' | 'body'): PlacedParams {
  const placed: PlacedParams = { query: [], body: [], headers: {} };
  for (const row of rows) {
    if (row.enabled === false || row.key.trim() === '') continue;
    const place = row.sendAs ?? usual;
    if (place === 'header') placed.headers[row.key.trim().toLowerCase()] = row.value;
    else placed[place].push(row);
  }
  return placed;
}

/** The URL with the rows added to its query; the URL exactly as given when there are none. */
export function withQueryParams(url: string, rows: KeyValueRow[]): string {
  if (rows.length === 0) return url;
  const parsed = new URL(url);
  applyExtraParams(parsed.searchParams, rows);
  return parsed.toString();
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
