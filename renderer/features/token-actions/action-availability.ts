// Which token actions can run on an entry with the form's settings, and, when one cannot, the reason
// shown as its tooltip: a missing endpoint names the field to fill, never a guess.
import type { FlowSnapshot } from '../../../shared/flow-types';
import type { FlowSettings } from '../../../shared/settings';
import { actionEndpoint, isHttpUrl, type TokenKind } from '../../../shared/token-actions';

export interface Availability {
  enabled: boolean;
  reason?: string;
}

export type ActionButton = 'refresh' | 'reuse' | 'revoke' | 'introspect' | 'userinfo' | 'signOut' | 'callApi';

const ok: Availability = { enabled: true };
const no = (reason: string): Availability => ({ enabled: false, reason });

/** The client the entry's tokens were issued to, as the authorization request named it. */
export function issuedClientId(flow: FlowSnapshot): string | null {
  try {
    return new URL(flow.authorizationUrl).searchParams.get('client_id');
  } catch {
    return null;
  }
}

function endpoint(settings: FlowSettings, action: Parameters<typeof actionEndpoint>[1]): Availability {
  const resolved = actionEndpoint(settings, action);
  if (!resolved.ok) return no(resolved.reason);
  return isHttpUrl(resolved.url) ? ok : no(`${resolved.url} is not an http(s) URL.`);
}

const both = (a: Availability, b: Availability) => (a.enabled ? b : a);

export function actionAvailability(flow: FlowSnapshot, settings: FlowSettings, token: TokenKind): Record<ActionButton, Availability> {
  const tokens = flow.tokens;
  const issuedTo = issuedClientId(flow);
  // The actions authenticate as the form's client: with another client they would only be refused.
  const sameClient =
    issuedTo !== null && issuedTo !== settings.clientId
      ? no(`These tokens were issued to client ${issuedTo}, but the form holds ${settings.clientId || 'no client'}: load the profile they came from.`)
      : ok;
  const hasRefresh = tokens?.refreshToken ? ok : no('This entry has no refresh token: ask for offline_access (some IdPs also need prompt=consent) and allow the refresh_token grant for the client.');
  const hasAccess = tokens?.accessToken ? ok : no('This entry has no access token.');
  const chosen = token === 'refresh_token' ? hasRefresh : hasAccess;
  const apiUrl = settings.apiUrl.trim();
  return {
    refresh: both(sameClient, both(hasRefresh, endpoint(settings, 'refresh'))),
    reuse: flow.lifecycle?.refreshedFrom?.rotated === true ? both(sameClient, endpoint(settings, 'refresh')) : no('Only for an entry made by a refresh that rotated the refresh token.'),
    revoke: both(sameClient, both(chosen, endpoint(settings, 'revoke'))),
    introspect: both(sameClient, both(chosen, endpoint(settings, 'introspect'))),
    userinfo: both(hasAccess, endpoint(settings, 'userinfo')),
    signOut: both(sameClient, endpoint(settings, 'sign-out')),
    callApi: both(hasAccess, apiUrl === '' ? no('Fill the API URL first.') : isHttpUrl(apiUrl) ? ok : no(`${apiUrl} is not an http(s) URL.`)),
  };
}
