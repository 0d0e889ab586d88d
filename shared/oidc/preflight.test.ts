import { describe, expect, it } from 'vitest';
import { defaultFlowSettings, type FlowSettings } from '../settings';
import type { OidcMetadata } from './metadata';
import { assertionHmacAlg, preflightWarnings, tokenEndpointAuthMethod, type PreflightContext } from './preflight';

const ISSUER = 'https://sso.example.com/realms/demo';
const METADATA: OidcMetadata = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
  token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
  code_challenge_methods_supported: ['plain', 'S256'],
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
  response_types_supported: ['code', 'code id_token'],
  scopes_supported: ['openid', 'profile'],
  require_pushed_authorization_requests: false,
};

function settings(overrides: Partial<FlowSettings> = {}, metadata: Partial<OidcMetadata> | null = {}): FlowSettings {
  return {
    ...defaultFlowSettings(),
    issuer: ISSUER,
    authUrl: METADATA.authorization_endpoint!,
    accessTokenUrl: METADATA.token_endpoint!,
    clientId: 'app',
    metadata: metadata === null ? null : { source: `${ISSUER}/.well-known/openid-configuration`, fetchedAt: '2026-01-01T00:00:00.000Z', metadata: { ...METADATA, ...metadata } },
    ...overrides,
  };
}
const secret = { hasClientSecret: true };
const fields = (s: FlowSettings, ctx: PreflightContext = secret) => preflightWarnings(s, ctx).map((w) => w.field);

describe('preflightWarnings', () => {
  it('says nothing when the settings agree with the metadata, or when there is no metadata', () => {
    expect(preflightWarnings(settings(), secret)).toEqual([]);
    expect(preflightWarnings(settings({}, null), secret)).toEqual([]);
    expect(preflightWarnings(defaultFlowSettings(), { hasClientSecret: false })).toEqual([]);
  });

  it('flags a Code Challenge Method the IdP does not list, and an IdP that does not advertise PKCE at all', () => {
    expect(preflightWarnings(settings({ codeChallengeMethod: 'plain' }, { code_challenge_methods_supported: ['S256'] }), secret)).toEqual([
      { field: 'codeChallengeMethod', message: 'The IdP lists code_challenge_methods_supported: S256, not plain: expect the authorization request to be refused.' },
    ]);
    expect(preflightWarnings(settings({}, { code_challenge_methods_supported: undefined }), secret)).toEqual([
      { field: 'codeChallengeMethod', message: expect.stringMatching(/^The IdP does not advertise PKCE: its metadata has no code_challenge_methods_supported/) },
    ]);
    expect(fields(settings({}, { code_challenge_methods_supported: [] }))).toEqual(['codeChallengeMethod']);
  });

  it('maps Client Authentication to token_endpoint_auth_methods (basic, body, and none for a public client)', () => {
    expect(tokenEndpointAuthMethod({ clientAuthentication: 'basic' }, secret)).toBe('client_secret_basic');
    expect(tokenEndpointAuthMethod({ clientAuthentication: 'body' }, secret)).toBe('client_secret_post');
    expect(tokenEndpointAuthMethod({ clientAuthentication: 'body' }, { hasClientSecret: false })).toBe('none');

    const basicOnly = { token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'] };
    expect(preflightWarnings(settings({ clientAuthentication: 'body' }, basicOnly), secret)).toEqual([
      {
        field: 'clientAuthentication',
        message: 'The IdP lists token_endpoint_auth_methods_supported: client_secret_basic, private_key_jwt, not client_secret_post (Send client credentials in body): expect the token request to be refused.',
      },
    ]);
    expect(fields(settings({ clientAuthentication: 'basic' }, basicOnly))).toEqual([]);
    expect(preflightWarnings(settings({}, basicOnly), { hasClientSecret: false })[0]!.message).toMatch(/not none \(a public client: no client secret\)/);
    expect(fields(settings({}, { token_endpoint_auth_methods_supported: ['none'] }), { hasClientSecret: false })).toEqual([]);
  });

  it('private_key_jwt and client_secret_jwt: the method listed or not, secret or not; the assertion\'s alg against token_endpoint_auth_signing_alg_values_supported', () => {
    expect(tokenEndpointAuthMethod({ clientAuthentication: 'private_key_jwt' }, { hasClientSecret: false })).toBe('private_key_jwt');
    expect(tokenEndpointAuthMethod({ clientAuthentication: 'client_secret_jwt' }, secret)).toBe('client_secret_jwt');
    const secretsOnly = { token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'] };
    expect(preflightWarnings(settings({ clientAuthentication: 'private_key_jwt' }, secretsOnly), { hasClientSecret: false })).toEqual([
      {
        field: 'clientAuthentication',
        message: "The IdP lists token_endpoint_auth_methods_supported: client_secret_basic, client_secret_post, not private_key_jwt (an assertion signed with the profile's private key): expect the token request to be refused.",
      },
    ]);
    const jwt = { token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_jwt'], token_endpoint_auth_signing_alg_values_supported: ['PS256', 'ES256'] };
    expect(fields(settings({ clientAuthentication: 'private_key_jwt' }, jwt), { hasClientSecret: false, signingKeyAlg: 'ES256' })).toEqual([]);
    expect(preflightWarnings(settings({ clientAuthentication: 'private_key_jwt' }, jwt), { hasClientSecret: false, signingKeyAlg: 'RS256' })).toEqual([
      { field: 'clientAuthentication', message: "The profile's signing key signs with RS256, but the IdP lists token_endpoint_auth_signing_alg_values_supported: PS256, ES256: expect the token request to be refused; generate or paste a key for one of those." },
    ]);
    // No key yet: nothing to compare.
    expect(fields(settings({ clientAuthentication: 'private_key_jwt' }, jwt), { hasClientSecret: false })).toEqual([]);
    expect(preflightWarnings(settings({ clientAuthentication: 'client_secret_jwt' }, jwt), secret)[0]!.message).toMatch(/^client_secret_jwt signs with HMAC: HS256, but the IdP lists/);
    // An IdP listing only stronger HMACs gets one of them (main signs with assertionHmacAlg too).
    expect(assertionHmacAlg({ token_endpoint_auth_signing_alg_values_supported: ['RS256', 'HS512'] })).toBe('HS512');
    expect(assertionHmacAlg({ token_endpoint_auth_signing_alg_values_supported: ['HS384', 'HS256'] })).toBe('HS256');
    expect(assertionHmacAlg(undefined)).toBe('HS256');
    expect(fields(settings({ clientAuthentication: 'client_secret_jwt' }, { ...jwt, token_endpoint_auth_signing_alg_values_supported: ['HS512'] }))).toEqual([]);
  });

  it('applies the specifications\' default (client_secret_basic) when the IdP lists no auth methods', () => {
    const none = { token_endpoint_auth_methods_supported: undefined };
    expect(fields(settings({ clientAuthentication: 'basic' }, none))).toEqual([]);
    expect(preflightWarnings(settings({ clientAuthentication: 'body' }, none), secret)[0]!.message).toMatch(/^The metadata has no token_endpoint_auth_methods_supported, which means client_secret_basic only, not client_secret_post/);
  });

  it('says that the IdP requires PAR when Use PAR is off (a negative test), and nothing once it is on', () => {
    expect(preflightWarnings(settings({}, { require_pushed_authorization_requests: true }), secret)).toEqual([
      { field: 'usePar', message: 'The IdP requires pushed authorization requests (require_pushed_authorization_requests: true): with Use PAR off, expect it to refuse the authorization request.' },
    ]);
    expect(fields(settings({ usePar: true }, { require_pushed_authorization_requests: true, pushed_authorization_request_endpoint: `${ISSUER}/par` }))).toEqual([]);
  });

  it('flags a typed PAR URL the metadata does not advertise, or one that differs from it', () => {
    expect(preflightWarnings(settings({ usePar: true, parUrl: `${ISSUER}/par` }), secret)).toEqual([
      { field: 'parUrl', message: "The IdP's metadata has no pushed_authorization_request_endpoint: it may not support PAR." },
    ]);
    expect(preflightWarnings(settings({ usePar: true, parUrl: `${ISSUER}/other` }, { pushed_authorization_request_endpoint: `${ISSUER}/par` }), secret)).toEqual([
      { field: 'parUrl', message: `Differs from the IdP's metadata, whose pushed_authorization_request_endpoint is ${ISSUER}/par.` },
    ]);
    expect(fields(settings({ usePar: false, parUrl: `${ISSUER}/other` }, { pushed_authorization_request_endpoint: `${ISSUER}/par` }))).toEqual([]);
  });

  it('signed request objects: request_parameter_supported false or unsaid, an alg the IdP does not list, and an IdP that requires them', () => {
    const jar = { request_parameter_supported: true, request_object_signing_alg_values_supported: ['PS256', 'ES256'] };
    expect(preflightWarnings(settings({ signAuthorizationRequest: true }, jar), { ...secret, signingKeyAlg: 'ES256' })).toEqual([]);
    expect(preflightWarnings(settings({ signAuthorizationRequest: true }, jar), { ...secret, signingKeyAlg: 'RS256' })).toEqual([
      { field: 'signAuthorizationRequest', message: "The IdP lists request_object_signing_alg_values_supported: PS256, ES256, not RS256 (the profile's signing key): expect the request object to be refused." },
    ]);
    expect(preflightWarnings(settings({ signAuthorizationRequest: true }, { request_parameter_supported: false }), secret)).toEqual([
      { field: 'signAuthorizationRequest', message: 'The IdP says request_parameter_supported: false: expect it to refuse a request object.' },
    ]);
    expect(preflightWarnings(settings({ signAuthorizationRequest: true }), secret)[0]!.message).toMatch(/does not say it accepts request objects \(no request_parameter_supported, which then means false/);
    expect(preflightWarnings(settings({}, { require_signed_request_object: true }), secret)).toEqual([
      { field: 'signAuthorizationRequest', message: expect.stringMatching(/^The IdP requires signed request objects \(require_signed_request_object: true\)/) },
    ]);
  });

  it('flags openid in the scope when code is not a supported response type, or openid not a supported scope', () => {
    expect(preflightWarnings(settings({ scope: 'openid profile' }, { response_types_supported: ['token', 'id_token'] }), secret)).toEqual([
      { field: 'scope', message: 'The scope asks for OpenID Connect (openid), but the IdP does not list the response type code in response_types_supported (it lists token, id_token).' },
    ]);
    expect(fields(settings({ scope: 'api.read' }, { response_types_supported: ['token'] }))).toEqual([]);
    expect(fields(settings({ scope: 'openid' }, { scopes_supported: ['api.read'] }))).toEqual(['scope']);
  });

  it('flags an Auth URL or Access Token URL that differs from the metadata\'s', () => {
    expect(preflightWarnings(settings({ authUrl: 'https://proxy.example/auth', accessTokenUrl: 'https://proxy.example/token' }), secret)).toEqual([
      { field: 'authUrl', message: `Differs from the IdP's metadata, whose authorization_endpoint is ${METADATA.authorization_endpoint}.` },
      { field: 'accessTokenUrl', message: `Differs from the IdP's metadata, whose token_endpoint is ${METADATA.token_endpoint}.` },
    ]);
    // Empty fields are the form's own error; surrounding spaces are not a difference.
    expect(fields(settings({ authUrl: '', accessTokenUrl: ` ${METADATA.token_endpoint} ` }))).toEqual([]);
  });

  it('compares nothing with metadata of another issuer, and says to discover again', () => {
    const stale = settings({ issuer: 'https://other.example', codeChallengeMethod: 'plain', authUrl: 'https://other.example/auth' }, { code_challenge_methods_supported: ['S256'] });
    expect(preflightWarnings(stale, secret)).toEqual([{ field: 'issuer', message: `The metadata kept with these settings is for the issuer “${ISSUER}”, not for this Issuer: press Discover again.` }]);
    expect(preflightWarnings(settings({ issuer: '' }), secret)[0]!.message).toBe(`The metadata kept with these settings is for the issuer “${ISSUER}”: press Discover again.`);
  });

  it('warns about a plain-http issuer that is not on this machine', () => {
    expect(fields(settings({ issuer: 'http://sso.example.com' }, null))).toEqual(['issuer']);
    expect(fields(settings({ issuer: 'http://127.0.0.1:9090' }, null))).toEqual([]);
  });
});
