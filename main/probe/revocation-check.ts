// Case 7's second question (RFC 6749 4.1.2, a SHOULD): after a code was replayed, are the tokens of
// its first use revoked? Asked through the token actions: introspection when an endpoint is known
// (it says active: true/false), else UserInfo (401 means the access token no longer works).
import type { TokenResult } from '../../shared/flow-types';
import { actionEndpoint } from '../../shared/token-actions';
import type { FlowSettings } from '../../shared/settings';
import type { ClientKeys } from '../keys/key-material';
import type { HttpSettings } from '../token-actions/http-step';
import { introspectToken } from '../token-actions/revoke-introspect';
import { fetchUserInfo } from '../token-actions/userinfo';

export interface RevocationCheckOptions {
  http: HttpSettings;
}

/** null: neither endpoint is known, or neither gave a clear answer. */
export async function checkStillActive(tokens: TokenResult, settings: FlowSettings, clientSecret: string | null, options: RevocationCheckOptions, keys: ClientKeys = {}): Promise<{ active: boolean; via: string } | null> {
  const ctx = { settings, clientSecret, keys, http: options.http };
  if (!tokens.accessToken) return null;
  if (actionEndpoint(settings, 'introspect').ok) {
    const outcome = await introspectToken(ctx, tokens.accessToken, 'access_token').catch(() => undefined);
    if (outcome?.active !== undefined) return { active: outcome.active, via: 'introspection' };
  }
  if (actionEndpoint(settings, 'userinfo').ok) {
    const outcome = await fetchUserInfo(ctx, tokens).catch(() => undefined);
    if (outcome?.result.outcome === 'ok' || outcome?.result.outcome === 'warning') return { active: true, via: 'UserInfo' };
    if (outcome?.result.error?.httpStatus === 401) return { active: false, via: 'UserInfo answered 401' };
  }
  return null;
}
