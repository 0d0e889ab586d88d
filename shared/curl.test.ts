// eslint-disable-next-line no-restricted-imports -- test only (node project): the command is checked in a real POSIX shell
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildTokenRequest, redactTokenRequest } from './token-request';
import { buildCurlCommand, shellQuote, type TokenRequestTrace } from './curl';

function traced(clientAuthentication: 'basic' | 'body', clientSecret: string | null, extra: Partial<Parameters<typeof buildTokenRequest>[0]> = {}): TokenRequestTrace {
  const request = redactTokenRequest(
    buildTokenRequest({
      tokenUrl: 'https://idp.example/oauth2/token',
      code: 'the-code',
      redirectUri: 'http://127.0.0.1:5000/callback',
      clientId: 'my app',
      codeVerifier: "it's-a-verifier",
      clientSecret,
      clientAuthentication,
      ...extra,
    }),
  );
  return { kind: 'token_request', at: '2026-01-01T00:00:00.000Z', clientId: 'my app', ...request };
}

/** What a POSIX shell makes of the command: the argv curl would get, with curl replaced by printf. */
function argvOf(command: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
  const out = execFileSync('sh', ['-c', script], { env: { PATH: process.env.PATH ?? '', ...env } }).toString();
  return out.split('\0').slice(0, -1);
}

describe('buildCurlCommand', () => {
  it('quotes values so the shell passes them through unchanged', () => {
    expect(argvOf(`curl ${shellQuote(`a'b "c" $HOME`)}`)).toEqual([`a'b "c" $HOME`]);
  });

  it('a public client: body params as sent, no secret anywhere', () => {
    const { command, notes } = buildCurlCommand(traced('basic', null));
    const argv = argvOf(command);
    expect(argv.slice(0, 4)).toEqual(['-sS', '-X', 'POST', 'https://idp.example/oauth2/token']);
    expect(argv).toContain("code_verifier=it's-a-verifier");
    expect(argv).toContain('client_id=my app');
    expect(argv).toContain('content-type: application/x-www-form-urlencoded');
    expect(command).not.toContain('CLIENT_SECRET');
    expect(notes.join(' ')).not.toContain('CLIENT_SECRET');
  });

  it('Basic auth is rebuilt from $CLIENT_SECRET at run time, with the client id form-urlencoded', () => {
    const { command, notes } = buildCurlCommand(traced('basic', 's3cret'));
    expect(command).not.toContain('s3cret');
    expect(command).not.toContain('[redacted]');
    const argv = argvOf(command, { CLIENT_SECRET: 's3cret' });
    const expected = `Authorization: Basic ${Buffer.from('my+app:s3cret').toString('base64')}`;
    expect(argv).toContain(expected);
    expect(notes.some((n) => n.includes('CLIENT_SECRET'))).toBe(true);
  });

  it('a secret in the body becomes "client_secret=$CLIENT_SECRET"', () => {
    const { command } = buildCurlCommand(traced('body', 's3cret'));
    expect(command).not.toContain('s3cret');
    expect(argvOf(command, { CLIENT_SECRET: 'x y' })).toContain('client_secret=x y');
  });

  it('masks code and verifier for display when asked, never the structure', () => {
    const { command } = buildCurlCommand(traced('basic', null), (name, value) => (name === 'code' || name === 'code_verifier' ? '••••' : value));
    expect(command).not.toContain('the-code');
    expect(command).not.toContain("it's-a-verifier");
    expect(command).toContain('redirect_uri=http://127.0.0.1:5000/callback');
  });

  it('keeps an Origin header (Entra ID SPA)', () => {
    const argv = argvOf(buildCurlCommand(traced('basic', null, { origin: 'http://localhost:3000' })).command);
    expect(argv).toContain('origin: http://localhost:3000');
  });
});
