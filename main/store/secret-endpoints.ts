// The endpoints a stored client secret is bound to: the origins (scheme, host, port) of the
// profile's endpoint URLs when the secret is saved. A secret is only ever sent to one of them.
import type { FlowSettings } from '../../shared/settings';

/**
 * The profile's URLs a client secret is sent to. When the Refresh Token, Revocation and
 * Introspection URLs exist they join this list, and a secret saved with the profile is bound to
 * every one of their origins.
 */
export function secretEndpointUrls(settings: Pick<FlowSettings, 'accessTokenUrl'>): string[] {
  return [settings.accessTokenUrl];
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
export function endpointOrigins(settings: Pick<FlowSettings, 'accessTokenUrl'>): string[] {
  const origins = secretEndpointUrls(settings)
    .filter((url) => !/[{}]/.test(url))
    .map(originOf)
    .filter((o): o is string => o !== null);
  return [...new Set(origins)];
}
