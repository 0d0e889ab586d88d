// The authorization request URL (RFC 6749 4.1.1 + RFC 7636 4.3). Query parameters already in the
// Auth URL are kept, so tenant-specific shapes work as pasted:
//   CyberArk  {tenant_url}/oauth2/authorize/{application_id}
//   Entra ID  https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize?...
import type { CodeChallengeMethod } from './pkce';
import type { KeyValueRow } from './settings';

export interface AuthorizationRequestInput {
  authUrl: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  /** null: no code_challenge at all (the PKCE probe's downgrade cases). */
  codeChallenge: string | null;
  codeChallengeMethod: CodeChallengeMethod;
  nonce?: string;
  audience?: string;
  resource?: string;
  /** RFC 9449 10: the DPoP key's JWK thumbprint, binding the code to it (not with PAR, whose request carries a proof). */
  dpopJkt?: string;
  /** User-defined parameters; they win over the standard ones of the same name (the user asked). */
  extraParams?: KeyValueRow[];
}

export interface AuthorizationRequest {
  url: string;
  /** Every query parameter of the final URL, in order, including those the Auth URL carried. */
  params: [string, string][];
}

export function buildAuthorizationUrl(input: AuthorizationRequestInput): AuthorizationRequest {
  const url = new URL(input.authUrl);
  setAuthorizationParams(url.searchParams, input);
  return { url: url.toString(), params: [...url.searchParams.entries()] };
}

/**
 * The authorization parameters alone, without those the Auth URL itself carries: what PAR pushes
 * (RFC 9126 2.1) and a request object signs (RFC 9101 4), in the order the URL would have them.
 */
export function authorizationParams(input: Omit<AuthorizationRequestInput, 'authUrl'>): [string, string][] {
  const params = new URLSearchParams();
  setAuthorizationParams(params, input);
  return [...params.entries()];
}

function setAuthorizationParams(q: URLSearchParams, input: Omit<AuthorizationRequestInput, 'authUrl'>): void {
  q.set('response_type', 'code');
  q.set('client_id', input.clientId);
  q.set('redirect_uri', input.redirectUri);
  if (input.scope.trim()) q.set('scope', input.scope.trim().split(/\s+/).join(' '));
  q.set('state', input.state);
  if (input.codeChallenge !== null) {
    q.set('code_challenge', input.codeChallenge);
    q.set('code_challenge_method', input.codeChallengeMethod);
  }
  if (input.nonce) q.set('nonce', input.nonce);
  if (input.audience?.trim()) q.set('audience', input.audience.trim());
  if (input.resource?.trim()) q.set('resource', input.resource.trim());
  if (input.dpopJkt) q.set('dpop_jkt', input.dpopJkt);
  applyExtraParams(q, input.extraParams ?? []);
}

/** Enabled rows with a key; a key given several times is sent several times (e.g. RFC 8707 `resource`). */
export function applyExtraParams(params: URLSearchParams, rows: KeyValueRow[]): void {
  const active = rows.filter((row) => row.enabled !== false && row.key.trim() !== '');
  for (const key of new Set(active.map((row) => row.key.trim()))) params.delete(key);
  for (const row of active) params.append(row.key.trim(), row.value);
}
