// Where the profile's signing key may send an assertion. An assertion whose aud is the endpoint it
// is sent to binds itself: sent to an unintended origin it names that origin, and the real IdP
// refuses it. An assertion whose aud is the issuer does not: whoever receives it can present it to
// the IdP within its 60 s. As with the client secret (main/store/secret-guard.ts), such assertions
// go only to the origins of the profile's endpoints as SAVED when the key was stored; settings sent
// by the renderer (or by a caller with a leaked browser-mode token) cannot widen that.
import type { FlowSettings } from '../../shared/settings';
import { AssertionUnavailable } from '../client-auth/client-assertion';
import { endpointOrigins, originOf } from '../store/secret-endpoints';
import type { SigningKeyMaterial } from './key-material';

/** The saved profile's client-authenticated endpoints (token, refresh, revocation, introspection, PAR) and its issuer. */
export function signingKeyOrigins(settings: FlowSettings): string[] {
  const extra = [settings.parUrl.trim() || settings.metadata?.metadata.pushed_authorization_request_endpoint || '', settings.issuer.trim()];
  const origins = [...endpointOrigins(settings), ...extra.filter((url) => !/[{}]/.test(url)).map(originOf)];
  return [...new Set(origins.filter((o): o is string => o !== null))];
}

/** Throws (a clear flow or action error) when an issuer-audience assertion would go to an origin the key was not saved for. */
export function assertIssuerAssertionDestination(key: SigningKeyMaterial, url: string): void {
  if (!key.boundOrigins) return;
  const origin = originOf(url);
  if (origin !== null && key.boundOrigins.includes(origin)) return;
  const where = key.boundOrigins.length > 0 ? key.boundOrigins.join(', ') : 'no endpoint';
  throw new AssertionUnavailable(
    `The assertion's audience is the issuer, so anyone receiving it could use it at the IdP; the profile's signing key was saved for ${where}, and this request goes to ${origin ?? url}. ` +
      'Choose the token endpoint as the Assertion audience, or Save the profile with this endpoint and add the key again.',
  );
}
