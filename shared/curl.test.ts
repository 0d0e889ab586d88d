// The command's text. That a shell turns it into the right curl arguments, and that it replays against
// a real IdP, is tested where processes may run: demo-idp/curl-replay.test.ts.
import { describe, expect, it } from 'vitest';
import { buildTokenRequest, redactTokenRequest } from './token-request';
import { buildCurlCommand, type TokenRequestTrace } from './curl';

function traced(clientAuthentication: 'basic' | 'body', clientSecret: string | null): TokenRequestTrace {
  const request = redactTokenRequest(
    buildTokenRequest({
      tokenUrl: 'https://idp.example/oauth2/token',
      code: 'the-code',
      redirectUri: 'http://127.0.0.1:5000/callback',
      clientId: 'my app',
      codeVerifier: 'the-verifier',
      clientSecret,
      clientAuthentication,
    }),
  );
  return { kind: 'token_request', at: '2026-01-01T00:00:00.000Z', clientId: 'my app', ...request };
}

describe('buildCurlCommand', () => {
  it('mutual TLS: curl presents the certificate and key files the user names, checked before it runs', () => {
    const tls = { ...traced('basic', null), clientAuth: 'tls_client_auth' as const, tlsClientCertificate: { subject: 'CN=client-1', thumbprint: 'AbC-123_x' } };
    const { command, notes } = buildCurlCommand(tls);
    expect(command).toMatch(/^: "\$\{CLIENT_CERT:\?[^}]+\}" && : "\$\{CLIENT_KEY:\?[^}]+\}" && curl -sS -X POST /);
    expect(command).toContain('--cert "$CLIENT_CERT" --key "$CLIENT_KEY"');
    expect(notes.join(' ')).toContain('presented the client certificate CN=client-1 (x5t#S256 AbC-123_x)');
    expect(buildCurlCommand(traced('basic', null)).command).not.toContain('--cert');
  });

  it('a public client: one curl command, nothing about a secret', () => {
    const { command, notes } = buildCurlCommand(traced('basic', null));
    expect(command.startsWith("curl -sS -X POST 'https://idp.example/oauth2/token'")).toBe(true);
    expect(command).not.toContain('CLIENT_SECRET');
    expect(command).not.toContain('form_urlencode');
    expect(notes.join(' ')).not.toContain('CLIENT_SECRET');
  });

  it('Basic: computes the header from $CLIENT_ID and $CLIENT_SECRET, and never holds a secret value', () => {
    const { command, notes } = buildCurlCommand(traced('basic', 's3cret'));
    expect(command).not.toContain('s3cret');
    expect(command).not.toContain('[redacted]');
    expect(command).toContain("CLIENT_ID='my app'");
    expect(command).toContain('form_urlencode "$CLIENT_ID"');
    expect(command).toContain('form_urlencode "$CLIENT_SECRET"');
    expect(command).toMatch(/: "\$\{CLIENT_SECRET:\?[^}]+\}" && curl /);
    expect(notes.join(' ')).toContain('RFC 6749 2.3.1');
  });

  it('secret in the body: "client_secret=$CLIENT_SECRET", no Basic machinery', () => {
    const { command } = buildCurlCommand(traced('body', 's3cret'));
    expect(command).not.toContain('s3cret');
    expect(command).toContain('--data-urlencode "client_secret=$CLIENT_SECRET"');
    expect(command).not.toContain('form_urlencode');
  });

  it('writes secret values as the mask returns them', () => {
    const { command } = buildCurlCommand(traced('basic', null), (name, value) => (name === 'code' || name === 'code_verifier' ? '••••' : value));
    expect(command).not.toContain('the-code');
    expect(command).not.toContain('the-verifier');
    expect(command).toContain("'code=••••'");
    expect(command).toContain("'redirect_uri=http://127.0.0.1:5000/callback'");
  });
});
