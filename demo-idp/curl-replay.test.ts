// "Copy as curl" (shared/curl.ts) in a real shell: first with curl stood in by a function that prints
// its arguments (what curl would receive), then replayed for real. shared/ tests cannot run a process.
//
// Replayed: the command the trace panel copies, run with bash and the real curl against
// the demo IdP, with the raw secret (it holds `: + / = %`) in CLIENT_SECRET, gets tokens. The code
// comes from a sign-in through the IdP's own pages; the token request is built and redacted as the
// flow engine does, so the command only has what the renderer has.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthorizationUrl } from '../shared/authorize-url';
import { buildCurlCommand, shellQuote, type TokenRequestTrace } from '../shared/curl';
import { computeCodeChallenge, generateCodeVerifier, randomToken } from '../shared/pkce';
import { parseRedirect } from '../shared/redirect';
import { basicAuthorization, buildTokenRequest, redactTokenRequest } from '../shared/token-request';
import type { DemoClient } from './config';
import { loginOverHttp } from './http-login';
import { startDemoIdp, type DemoIdp } from './provider';

function traced(clientAuthentication: 'basic' | 'body', clientSecret: string | null, extra: Partial<Parameters<typeof buildTokenRequest>[0]> = {}): TokenRequestTrace {
  const clientId = extra.clientId ?? 'my app';
  const request = redactTokenRequest(
    buildTokenRequest({
      tokenUrl: 'https://idp.example/oauth2/token',
      code: 'the-code',
      redirectUri: 'http://127.0.0.1:5000/callback',
      clientId,
      codeVerifier: "it's-a-verifier",
      clientSecret,
      clientAuthentication,
      ...extra,
    }),
  );
  return { kind: 'token_request', at: '2026-01-01T00:00:00.000Z', clientId, ...request };
}

/**
 * Runs the command in a real bash, with `curl` replaced by a function that prints its arguments, so
 * what is checked is what curl would receive after the shell's quoting, expansion and $(...).
 */
function runScript(script: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', `curl() { printf '%s\\0' "$@"; }\n${script}`], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const argvOf = (stdout: string) => stdout.split('\0').slice(0, -1);

function run(command: string, env: Record<string, string> = {}): { status: number | null; argv: string[] | null; stderr: string } {
  const { status, stdout, stderr } = runScript(command, env);
  return { status, argv: stdout === '' ? null : argvOf(stdout), stderr };
}

function headerOf(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a, k) => argv[k - 1] === '-H' && a.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return i === -1 ? undefined : argv[i]?.slice(name.length + 1).trim();
}

describe('the curl command in bash, curl stood in', () => {
  it('quotes values so the shell passes them through unchanged', () => {
    expect(run(`curl ${shellQuote(`a'b "c" $HOME \\n`)}`).argv).toEqual([`a'b "c" $HOME \\n`]);
  });

  it('a public client: body params as sent, no secret asked for', () => {
    const { command, notes } = buildCurlCommand(traced('basic', null));
    const { argv, status } = run(command);
    expect(status).toBe(0);
    expect(argv?.slice(0, 4)).toEqual(['-sS', '-X', 'POST', 'https://idp.example/oauth2/token']);
    expect(argv).toContain("code_verifier=it's-a-verifier");
    expect(argv).toContain('client_id=my app');
    expect(headerOf(argv ?? [], 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(command).not.toContain('CLIENT_SECRET');
    expect(notes.join(' ')).not.toContain('CLIENT_SECRET');
  });

  it('Basic: the header is computed at run time from the raw secret, RFC 6749 2.3.1 encoded', () => {
    const { command, notes } = buildCurlCommand(traced('basic', 's3cret'));
    expect(command).not.toContain('s3cret');
    expect(command).not.toContain('[redacted]');
    // Every character class the encoding treats differently: reserved, %, space, quotes, non-ASCII.
    // One bash for all of them (a record separator between runs): starting processes is the slow part.
    const secrets = ['s3cr:t+/=%-basic-demo', `a b'c"d*~`, 'pässwörd€', 'plain'];
    const script = secrets.map((secret) => `(CLIENT_SECRET=${shellQuote(secret)}; ${command}); printf '\\036'`).join('\n');
    const { status, stdout } = runScript(script);
    expect(status).toBe(0);
    const runs = stdout.split('\u001e').slice(0, -1);
    expect(runs).toHaveLength(secrets.length);
    secrets.forEach((secret, i) => expect(headerOf(argvOf(runs[i] ?? ''), 'authorization')).toBe(basicAuthorization('my app', secret)));
    expect(notes.join(' ')).toContain('RFC 6749 2.3.1');
    expect(notes.join(' ')).not.toMatch(/form-urlencode it first/);
  });

  it('Basic: the client id is set by the command, and encoded too', () => {
    const { command } = buildCurlCommand(traced('basic', 'x', { clientId: "o'brien+app:1" }));
    const { argv } = run(command, { CLIENT_SECRET: 'y', CLIENT_ID: 'some-other-client' });
    expect(headerOf(argv ?? [], 'authorization')).toBe(basicAuthorization("o'brien+app:1", 'y'));
  });

  it('refuses to run without CLIENT_SECRET instead of sending an empty secret', () => {
    for (const auth of ['basic', 'body'] as const) {
      const { argv, status, stderr } = run(buildCurlCommand(traced(auth, 's3cret')).command);
      expect(status).not.toBe(0);
      expect(argv).toBeNull();
      expect(stderr).toContain('Set CLIENT_SECRET to the client secret first');
    }
  });

  it('a secret in the body is sent as "client_secret=$CLIENT_SECRET" (curl encodes it)', () => {
    const { command } = buildCurlCommand(traced('body', 's3cret'));
    expect(command).not.toContain('s3cret');
    expect(run(command, { CLIENT_SECRET: 'x y+%' }).argv).toContain('client_secret=x y+%');
  });

  it('writes secret values as the mask returns them, never the structure', () => {
    const { command } = buildCurlCommand(traced('basic', null), (name, value) => (name === 'code' || name === 'code_verifier' ? '••••' : value));
    expect(command).not.toContain('the-code');
    expect(command).not.toContain("it's-a-verifier");
    const { argv } = run(command);
    expect(argv).toContain('code=••••');
    expect(argv).toContain('redirect_uri=http://127.0.0.1:5000/callback');
  });

  it('keeps an Origin header (Entra ID SPA)', () => {
    const { argv } = run(buildCurlCommand(traced('basic', null, { origin: 'http://localhost:3000' })).command);
    expect(headerOf(argv ?? [], 'origin')).toBe('http://localhost:3000');
  });
});

const execFileAsync = promisify(execFile);
let idp: DemoIdp;

/** Signs in for `client` and returns the token request as the trace records it (secret redacted). */
async function tracedTokenRequest(client: DemoClient): Promise<TokenRequestTrace> {
  const verifier = generateCodeVerifier();
  const redirectUri = 'http://127.0.0.1:49152/callback';
  const { url } = buildAuthorizationUrl({
    authUrl: idp.authorizationEndpoint,
    clientId: client.clientId,
    redirectUri,
    scope: 'openid profile',
    state: randomToken(),
    codeChallenge: await computeCodeChallenge(verifier, 'S256'),
    codeChallengeMethod: 'S256',
    nonce: randomToken(),
    extraParams: [],
  });
  const redirect = parseRedirect(await loginOverHttp(url, { isFinalRedirect: (u) => !u.startsWith(idp.issuer) }));
  const sent = buildTokenRequest({
    tokenUrl: idp.tokenEndpoint,
    code: redirect.code ?? '',
    redirectUri,
    clientId: client.clientId,
    codeVerifier: verifier,
    clientSecret: client.clientSecret,
    clientAuthentication: client.tokenEndpointAuthMethod === 'client_secret_post' ? 'body' : 'basic',
  });
  return { kind: 'token_request', at: new Date().toISOString(), clientId: client.clientId, ...redactTokenRequest(sent) };
}

async function replay(command: string, secret: string): Promise<Record<string, unknown>> {
  const { stdout } = await execFileAsync('bash', ['-c', command], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CLIENT_SECRET: secret } });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('Copy as curl, replayed with bash and curl against the demo IdP', () => {
  beforeAll(async () => {
    idp = await startDemoIdp({ port: 0 });
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('Basic: the raw secret in CLIENT_SECRET gets tokens (the header is built with RFC 6749 2.3.1)', async () => {
    const client = idp.clients.confidentialBasic;
    expect(client.clientSecret).toMatch(/[:+/=%]/);
    const { command } = buildCurlCommand(await tracedTokenRequest(client));
    expect(command).not.toContain(client.clientSecret);
    const json = await replay(command, client.clientSecret as string);
    expect(json.error).toBeUndefined();
    expect(typeof json.access_token).toBe('string');
    expect(idp.tokenRequests.at(-1)?.headers.authorization).toMatch(/^Basic /);
  });

  it('secret in the body: the raw secret in CLIENT_SECRET gets tokens', async () => {
    const client = idp.clients.confidentialPost;
    const json = await replay(buildCurlCommand(await tracedTokenRequest(client)).command, client.clientSecret as string);
    expect(typeof json.access_token).toBe('string');
  });

  it('a wrong secret is refused by the IdP, so the header really is computed from CLIENT_SECRET', async () => {
    const client = idp.clients.confidentialBasic;
    const json = await replay(buildCurlCommand(await tracedTokenRequest(client)).command, 'not-the-secret');
    expect(json.error).toBe('invalid_client');
  });
});
