// Pushed authorization requests (RFC 9126) and signed request objects (RFC 9101, JAR), the pure
// parts the form and main share: where the request is pushed, and what the settings must hold for
// either option before a flow can start.
import { mtlsEndpoint } from './mtls';
import type { FlowSettings } from './settings';
import { findPlaceholders, isLoopbackHost } from './settings-validation';
import type { ResolvedEndpoint } from './token-actions';

type Need = (field: keyof FlowSettings, message: string) => void;

/** PAR URL when filled (an explicit choice wins), else pushed_authorization_request_endpoint of the metadata. */
export function parEndpoint(settings: Pick<FlowSettings, 'parUrl' | 'metadata'>): ResolvedEndpoint {
  const typed = settings.parUrl.trim();
  if (typed !== '') return { ok: true, url: typed, source: 'field' };
  const discovered = settings.metadata?.metadata.pushed_authorization_request_endpoint?.trim();
  if (discovered) return { ok: true, url: discovered, source: 'metadata' };
  return { ok: false, reason: "Use PAR is on, but no PAR endpoint is known: fill PAR URL in Advanced, or press Discover to read pushed_authorization_request_endpoint from the IdP's metadata." };
}

/**
 * Where a flow's authorization request is pushed, when Use PAR is on and an endpoint is known: the
 * PAR URL or the discovered endpoint, or its mTLS alias when a client certificate is presented
 * (RFC 8705 5). The client secret goes there too, so its binding covers this URL.
 */
export function parPushUrl(settings: FlowSettings): string | null {
  if (!settings.usePar) return null;
  const endpoint = parEndpoint(settings);
  return endpoint.ok ? mtlsEndpoint(settings, 'pushed_authorization_request_endpoint', endpoint.url) : null;
}

/** The request object's `aud` (RFC 9101 4): the issuer, from the metadata or the Issuer field. */
export function requestObjectAudience(settings: Pick<FlowSettings, 'issuer' | 'metadata'>): string {
  return settings.metadata?.metadata.issuer ?? settings.issuer.trim();
}

export function checkParJarSettings(settings: FlowSettings, need: Need, warn: Need): void {
  const typed = settings.parUrl.trim();
  if (typed !== '') {
    const holes = findPlaceholders(typed);
    const url = URL.parse(typed);
    if (holes.length > 0) need('parUrl', `Replace ${holes.join(', ')} with your own value.`);
    else if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) need('parUrl', 'PAR URL is not an absolute http(s) URL (it should start with https://).');
    else if (url.hash) need('parUrl', 'PAR URL must not have a fragment (#...).');
    else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) warn('parUrl', 'PAR URL uses plain http: the pushed request and its client authentication cross the network unencrypted.');
  }
  if (settings.usePar) {
    const endpoint = parEndpoint(settings);
    if (!endpoint.ok) need('parUrl', endpoint.reason);
  }
  if (settings.signAuthorizationRequest && requestObjectAudience(settings) === '') {
    need('signAuthorizationRequest', "Sign the authorization request needs the IdP's Issuer, the request object's aud (RFC 9101 4): enter Issuer (and press Discover).");
  }
}
