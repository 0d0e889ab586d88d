// Pre-flight: what the IdP's own metadata says will go wrong with these settings, as warnings at the
// fields before a flow. Never errors: testing an IdP's edges (a method it does not list, an endpoint
// other than the advertised one) is the point of the tool, so the user may always go on.
import type { FieldIssue } from '../errors';
import { scopeIncludesOpenId, type FlowSettings } from '../settings';
import { isLoopbackHost } from '../settings-validation';
import type { OidcMetadata } from './metadata';
import { parJarWarnings } from './par-jar-preflight';

export interface PreflightContext {
  /** Whether the flow would send a client secret (typed or stored); without one the client is public. */
  hasClientSecret: boolean;
  /** The JWS alg of the profile's signing key, when one is known (request objects, private_key_jwt). */
  signingKeyAlg?: string;
}

/** The token_endpoint_auth_method each form choice amounts to. */
export function tokenEndpointAuthMethod(settings: Pick<FlowSettings, 'clientAuthentication'>, context: PreflightContext): string {
  const method = settings.clientAuthentication;
  // Assertions and TLS client authentication are named as the metadata names them, secret or not.
  if (method !== 'basic' && method !== 'body') return method;
  if (!context.hasClientSecret) return 'none';
  return method === 'basic' ? 'client_secret_basic' : 'client_secret_post';
}

const AUTH_CHOICE: Record<string, string> = {
  none: 'a public client: no client secret',
  client_secret_basic: 'Send as Basic Auth header',
  client_secret_post: 'Send client credentials in body',
  private_key_jwt: 'an assertion signed with the profile\'s private key',
  client_secret_jwt: 'an assertion signed with the client secret',
  tls_client_auth: 'a TLS client certificate',
  self_signed_tls_client_auth: 'a self-signed TLS client certificate',
};

const listed = (values: readonly string[]) => (values.length === 0 ? 'nothing' : values.join(', '));

export function preflightWarnings(settings: FlowSettings, context: PreflightContext): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  const warn = (field: keyof FlowSettings, message: string) => warnings.push({ field, message });
  const issuer = settings.issuer.trim();
  issuerWarnings(issuer, warn);

  const discovered = settings.metadata;
  if (!discovered) return warnings;
  const m = discovered.metadata;
  // Metadata of another issuer says nothing about this one: one warning, and no comparisons with it.
  if (m.issuer !== issuer) {
    warn('issuer', `The metadata kept with these settings is for the issuer “${m.issuer}”${issuer === '' ? '' : ', not for this Issuer'}: press Discover again.`);
    return warnings;
  }
  pkceWarnings(settings, m, warn);
  authWarnings(settings, m, context, warn);
  parJarWarnings(settings, m, context.signingKeyAlg, warn);
  // RFC 9449 5.1: a server supporting DPoP advertises its proof algorithms.
  if (settings.dpop && !m.dpop_signing_alg_values_supported) warn('dpop', "The IdP's metadata has no dpop_signing_alg_values_supported: it may not support DPoP and ignore the proofs (the tokens then come back as Bearer).");
  if (scopeIncludesOpenId(settings.scope)) {
    if (m.response_types_supported && !m.response_types_supported.includes('code')) {
      warn('scope', `The scope asks for OpenID Connect (openid), but the IdP does not list the response type code in response_types_supported (it lists ${listed(m.response_types_supported)}).`);
    }
    if (m.scopes_supported && !m.scopes_supported.includes('openid')) {
      warn('scope', `The IdP does not list openid in scopes_supported: it may be a plain OAuth 2.0 server that issues no ID token.`);
    }
  }
  endpointWarning(settings.authUrl, m.authorization_endpoint, 'authUrl', 'authorization_endpoint', warn);
  endpointWarning(settings.accessTokenUrl, m.token_endpoint, 'accessTokenUrl', 'token_endpoint', warn);
  return warnings;
}

type Warn = (field: keyof FlowSettings, message: string) => void;

function issuerWarnings(issuer: string, warn: Warn): void {
  try {
    const url = new URL(issuer);
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) warn('issuer', 'The Issuer uses plain http: OpenID Connect requires https issuers, and the metadata could be altered on the way.');
  } catch {
    // Empty or not a URL: Discover says why it cannot run; nothing to warn about before that.
  }
}

function pkceWarnings(settings: FlowSettings, m: OidcMetadata, warn: Warn): void {
  const methods = m.code_challenge_methods_supported;
  if (!methods || methods.length === 0) {
    warn('codeChallengeMethod', 'The IdP does not advertise PKCE: its metadata has no code_challenge_methods_supported (RFC 8414 2: it does not support PKCE). It may ignore the code challenge; "Don\'t send code_verifier" shows whether it does.');
  } else if (!methods.includes(settings.codeChallengeMethod)) {
    warn('codeChallengeMethod', `The IdP lists code_challenge_methods_supported: ${listed(methods)}, not ${settings.codeChallengeMethod}: expect the authorization request to be refused.`);
  }
}

function authWarnings(settings: FlowSettings, m: OidcMetadata, context: PreflightContext, warn: Warn): void {
  const method = tokenEndpointAuthMethod(settings, context);
  const supported = m.token_endpoint_auth_methods_supported;
  // OpenID Connect Discovery 3 and RFC 8414 2: when omitted, the default is client_secret_basic.
  const effective = supported ?? ['client_secret_basic'];
  if (effective.includes(method)) {
    assertionAlgWarning(method, m, context, warn);
    return;
  }
  const what = supported ? `The IdP lists token_endpoint_auth_methods_supported: ${listed(supported)}` : 'The metadata has no token_endpoint_auth_methods_supported, which means client_secret_basic only';
  warn('clientAuthentication', `${what}, not ${method}${AUTH_CHOICE[method] ? ` (${AUTH_CHOICE[method]})` : ''}: expect the token request to be refused.`);
}

/** client_secret_jwt's HMAC: HS256, unless the IdP lists only stronger ones in token_endpoint_auth_signing_alg_values_supported. */
export function assertionHmacAlg(metadata: Pick<OidcMetadata, 'token_endpoint_auth_signing_alg_values_supported'> | undefined): 'HS256' | 'HS384' | 'HS512' {
  const listed = metadata?.token_endpoint_auth_signing_alg_values_supported;
  if (!listed || listed.includes('HS256')) return 'HS256';
  return (['HS384', 'HS512'] as const).find((alg) => listed.includes(alg)) ?? 'HS256';
}

/** The assertion's JWS algorithm against token_endpoint_auth_signing_alg_values_supported (HS256 for client_secret_jwt). */
function assertionAlgWarning(method: string, m: OidcMetadata, context: PreflightContext, warn: Warn): void {
  const algs = m.token_endpoint_auth_signing_alg_values_supported;
  const alg = method === 'private_key_jwt' ? context.signingKeyAlg : method === 'client_secret_jwt' ? assertionHmacAlg(m) : undefined;
  if (!algs || alg === undefined || algs.includes(alg)) return;
  const whose = method === 'private_key_jwt' ? 'The profile\'s signing key signs with' : 'client_secret_jwt signs with HMAC:';
  warn('clientAuthentication', `${whose} ${alg}, but the IdP lists token_endpoint_auth_signing_alg_values_supported: ${listed(algs)}: expect the token request to be refused${method === 'private_key_jwt' ? '; generate or paste a key for one of those' : ''}.`);
}

function endpointWarning(value: string, advertised: string | undefined, field: keyof FlowSettings, name: string, warn: Warn): void {
  const typed = value.trim();
  if (advertised === undefined || typed === '' || typed === advertised) return;
  warn(field, `Differs from the IdP's metadata, whose ${name} is ${advertised}.`);
}
