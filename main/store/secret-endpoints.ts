// The endpoints a stored client secret is bound to: the origins (scheme, host, port) of the
// profile's endpoint URLs when the secret is saved. A secret is only ever sent to one of them.
import type { FlowSettings } from '../../shared/settings';
import { mtlsEndpoint, tokenEndpointUrl } from '../../shared/mtls';
import { parEndpoint } from '../../shared/par-jar';
import { actionEndpoint } from '../../shared/token-actions';

/**
 * The profile's URLs a client secret is sent to: the Access Token URL, the PAR endpoint and the
 * endpoints of the client-authenticated token actions (refresh, revocation, introspection), each as the action would
 * resolve it (Advanced field, else discovered metadata). A secret saved with the profile is bound to
 * every one of their origins.
 */
export function secretEndpointUrls(settings: FlowSettings): string[] {
  const actions = (['refresh', 'revoke', 'introspect'] as const).map((action) => actionEndpoint(settings, action));
  // tokenEndpointUrl: with a client certificate, the IdP's mTLS alias of the token endpoint (RFC 8705 5).
  // The PAR endpoint (RFC 9126 2: the push is client-authenticated), typed or discovered, and its mTLS alias.
  const par = parEndpoint(settings);
  const pushed = par.ok ? [par.url, mtlsEndpoint(settings, 'pushed_authorization_request_endpoint', par.url)] : [];
  return [settings.accessTokenUrl, tokenEndpointUrl(settings), ...actions.flatMap((endpoint) => (endpoint.ok ? [endpoint.url] : [])), ...pushed];
}

/** scheme://host[:port] of an http(s) URL (default ports dropped, host lower-cased), else null. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The distinct origins of the profile's secret endpoints (URLs still holding placeholders are left out). */
export function endpointOrigins(settings: FlowSettings): string[] {
  const origins = secretEndpointUrls(settings)
    .filter((url) => !/[{}]/.test(url))
    .map(originOf)
    .filter((o): o is string => o !== null);
  return [...new Set(origins)];
}
