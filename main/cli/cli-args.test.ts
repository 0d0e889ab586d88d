import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-args';
import { exitCodeFor, formatTokens, shellQuote } from './output';

const defaults = { dataDir: '/home/u/.config/PKCE Inspector' };

describe('command line arguments', () => {
  it('reads run with its options, defaults included', () => {
    expect(parseCli(['run', '--profile', 'Okta dev'], defaults)).toEqual({ kind: 'run', dataDir: defaults.dataDir, profile: 'Okta dev', output: 'json', timeoutSeconds: 300, open: true });
    expect(parseCli(['run', '-p', 'x', '--output', 'env', '--timeout', '20', '--no-open', '--data-dir', '/d'], defaults)).toEqual({ kind: 'run', dataDir: '/d', profile: 'x', output: 'env', timeoutSeconds: 20, open: false });
    expect(parseCli(['profiles', '--output', 'json'], defaults)).toEqual({ kind: 'profiles', dataDir: defaults.dataDir, output: 'json' });
    expect(parseCli(['--help'], defaults)).toEqual({ kind: 'help' });
  });

  it('says what is wrong', () => {
    const message = (argv: string[]) => {
      const parsed = parseCli(argv, defaults);
      return parsed.kind === 'error' ? parsed.message : `not an error: ${parsed.kind}`;
    };
    expect(message([])).toBe('Name a command: profiles or run.');
    expect(message(['login'])).toContain('Unknown command "login"');
    expect(message(['run'])).toContain('run needs --profile');
    expect(message(['run', '--profile', 'x', '--timeout', '0'])).toContain('--timeout is a whole number of seconds');
    expect(message(['run', '--profile', 'x', '--timeout', '1.5'])).toContain('--timeout is a whole number of seconds');
    expect(message(['run', '--profile', 'x', '--output', 'yaml'])).toContain('--output is one of json, env, access-token');
    expect(message(['profiles', '--profile', 'x'])).toBe('--profile belongs to the run command.');
    expect(message(['run', '--profile', 'x', '--verbose'])).toContain("Unknown option '--verbose'");
    expect(message(['run', 'extra', '--profile', 'x'])).toBe('Unexpected argument "extra".');
  });
});

describe('output', () => {
  const tokens = { receivedAt: 't', raw: { access_token: "a'b", token_type: 'Bearer' }, accessToken: "a'b", tokenType: 'Bearer', expiresIn: 300 };

  it('quotes env values so eval cannot run anything in them', () => {
    expect(shellQuote(`x'; rm -rf / #`)).toBe(`'x'\\''; rm -rf / #'`);
    expect(formatTokens(tokens, 'env')).toBe(`ACCESS_TOKEN='a'\\''b'\nTOKEN_TYPE='Bearer'\nEXPIRES_IN='300'\n`);
    expect(formatTokens(tokens, 'access-token')).toBe("a'b\n");
    expect(JSON.parse(formatTokens(tokens, 'json'))).toEqual(tokens.raw);
  });

  it('maps each way a flow fails to its exit code', () => {
    expect(exitCodeFor({ kind: 'oauth_error', message: '' })).toBe(3);
    expect(exitCodeFor({ kind: 'authorization_error', message: '' })).toBe(3);
    expect(exitCodeFor({ kind: 'expired', message: '' })).toBe(4);
    expect(exitCodeFor({ kind: 'cancelled', message: '' })).toBe(4);
    expect(exitCodeFor({ kind: 'connection_refused', message: '' })).toBe(5);
    expect(exitCodeFor({ kind: 'timeout', message: '' })).toBe(5);
  });
});
