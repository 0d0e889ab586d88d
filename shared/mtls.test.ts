import { describe, expect, it } from 'vitest';
import { clientCertificateIssues, mtlsEndpoint, tokenEndpointUrl } from './mtls';
import { defaultFlowSettings, type FlowSettings } from './settings';
import { checkSettings } from './settings-validation';
import { actionEndpoint } from './token-actions';

const metadata = {
  source: 'https://idp.example/.well-known/openid-configuration',
  fetchedAt: '2026-11-30T00:00:00.000Z',
  metadata: {
    issuer: 'https://idp.example',
    token_endpoint: 'https://idp.example/token',
    revocation_endpoint: 'https://idp.example/revoke',
    introspection_endpoint: 'https://idp.example/introspect',
    userinfo_endpoint: 'https://idp.example/userinfo',
    end_session_endpoint: 'https://idp.example/logout',
    mtls_endpoint_aliases: {
      token_endpoint: 'https://mtls.idp.example/token',
      introspection_endpoint: 'https://mtls.idp.example/introspect',
      userinfo_endpoint: 'https://mtls.idp.example/userinfo',
    },
  },
};

function settings(overrides: Partial<FlowSettings> = {}): FlowSettings {
  return { ...defaultFlowSettings(), authUrl: 'https://idp.example/authorize', accessTokenUrl: 'https://idp.example/token', clientId: 'app', metadata, useClientCertificate: true, ...overrides };
}

describe('mtls_endpoint_aliases (RFC 8705 5)', () => {
  it('with a client certificate, the advertised endpoints go to their aliases; a URL typed by hand stays', () => {
    expect(tokenEndpointUrl(settings())).toBe('https://mtls.idp.example/token');
    expect(tokenEndpointUrl(settings({ accessTokenUrl: 'https://other.example/token' }))).toBe('https://other.example/token');
    expect(actionEndpoint(settings(), 'introspect')).toEqual({ ok: true, url: 'https://mtls.idp.example/introspect', source: 'metadata' });
    expect(actionEndpoint(settings(), 'userinfo')).toMatchObject({ url: 'https://mtls.idp.example/userinfo' });
    expect(actionEndpoint(settings(), 'refresh')).toEqual({ ok: true, url: 'https://mtls.idp.example/token', source: 'access-token-url' });
    // No alias for it: the endpoint itself.
    expect(actionEndpoint(settings(), 'revoke')).toMatchObject({ url: 'https://idp.example/revoke' });
    expect(actionEndpoint(settings(), 'sign-out')).toMatchObject({ url: 'https://idp.example/logout' });
    // The Advanced field holding the advertised endpoint is the same endpoint: aliased too.
    expect(actionEndpoint(settings({ introspectionUrl: 'https://idp.example/introspect' }), 'introspect')).toMatchObject({ url: 'https://mtls.idp.example/introspect', source: 'field' });
    expect(mtlsEndpoint(settings(), 'pushed_authorization_request_endpoint', 'https://idp.example/par')).toBe('https://idp.example/par');
  });

  it('without a client certificate nothing changes', () => {
    expect(tokenEndpointUrl(settings({ useClientCertificate: false }))).toBe('https://idp.example/token');
    expect(actionEndpoint(settings({ useClientCertificate: false }), 'introspect')).toMatchObject({ url: 'https://idp.example/introspect' });
  });
});

describe('settings errors of mutual TLS', () => {
  it('TLS client authentication needs Client certificate; a certificate needs an https token endpoint', () => {
    expect(clientCertificateIssues(settings({ clientAuthentication: 'tls_client_auth', useClientCertificate: false }))).toEqual([
      { field: 'clientAuthentication', message: expect.stringMatching(/^tls_client_auth authenticates the client by its TLS client certificate: turn on Client certificate/) },
    ]);
    expect(clientCertificateIssues(settings({ clientAuthentication: 'self_signed_tls_client_auth' }))).toEqual([]);
    expect(clientCertificateIssues(settings({ clientAuthentication: 'basic' }))).toEqual([]);
    const http = settings({ metadata: null, accessTokenUrl: 'http://127.0.0.1:9090/token' });
    expect(checkSettings(http).errors).toContainEqual({ field: 'useClientCertificate', message: expect.stringMatching(/the Access Token URL must be https/) });
  });
});
