// Pre-flight for PAR (RFC 9126) and signed request objects (RFC 9101): what the IdP's metadata says
// will go wrong with these settings. Warnings only: a tester may mean to see the refusal.
import type { FlowSettings } from '../settings';
import type { OidcMetadata } from './metadata';

type Warn = (field: keyof FlowSettings, message: string) => void;

export function parJarWarnings(settings: FlowSettings, m: OidcMetadata, signingKeyAlg: string | undefined, warn: Warn): void {
  const advertised = m.pushed_authorization_request_endpoint;
  if (m.require_pushed_authorization_requests === true && !settings.usePar) {
    warn('usePar', 'The IdP requires pushed authorization requests (require_pushed_authorization_requests: true): with Use PAR off, expect it to refuse the authorization request.');
  }
  const typed = settings.parUrl.trim();
  if (settings.usePar && typed !== '') {
    if (advertised === undefined) warn('parUrl', "The IdP's metadata has no pushed_authorization_request_endpoint: it may not support PAR.");
    else if (typed !== advertised) warn('parUrl', `Differs from the IdP's metadata, whose pushed_authorization_request_endpoint is ${advertised}.`);
  }
  if (!settings.signAuthorizationRequest) {
    if (m.require_signed_request_object === true) {
      warn('signAuthorizationRequest', 'The IdP requires signed request objects (require_signed_request_object: true): without Sign the authorization request, expect it to refuse the authorization request.');
    }
    return;
  }
  if (m.request_parameter_supported === false) {
    warn('signAuthorizationRequest', 'The IdP says request_parameter_supported: false: expect it to refuse a request object.');
  } else if (m.request_parameter_supported === undefined && m.request_object_signing_alg_values_supported === undefined && m.require_signed_request_object === undefined) {
    warn('signAuthorizationRequest', "The IdP's metadata does not say it accepts request objects (no request_parameter_supported, which then means false, and no request_object_signing_alg_values_supported).");
  }
  const algs = m.request_object_signing_alg_values_supported;
  if (signingKeyAlg !== undefined && algs !== undefined && !algs.includes(signingKeyAlg)) {
    warn('signAuthorizationRequest', `The IdP lists request_object_signing_alg_values_supported: ${algs.length > 0 ? algs.join(', ') : 'nothing'}, not ${signingKeyAlg} (the profile's signing key): expect the request object to be refused.`);
  }
}
