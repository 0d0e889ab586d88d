import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli';
import { DEMO_CLIENTS, DEFAULT_PORT } from './config';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/**
 * Starts the cli as `npm run demo-idp` would (tsx), and resolves once it has printed its banner.
 * Generous time limits: compiling with tsx in a child process is slow on a busy 2-core CI machine.
 */
function startCli(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string; banner: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The cli printed no banner in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 30_000);
    child.stdout.on('data', () => {
      if (stdout.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve({ child, output: () => stdout, banner: stdout });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The cli exited with ${code} before its banner.\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('demo IdP cli', () => {
  it('prints the issuer, endpoints, every client with its demo secret and redirect URIs, and the login; stops on Ctrl-C', async () => {
    const { child, banner, output } = await startCli(['--port', '0']);
    try {
      const issuer = /Issuer:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(issuer).toBeDefined();
      expect(issuer).not.toBe(`http://127.0.0.1:${DEFAULT_PORT}`);
      const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
      expect(banner).toContain(`Authorization endpoint: ${discovery.authorization_endpoint}`);
      expect(banner).toContain(`Token endpoint:         ${discovery.token_endpoint}`);
      for (const client of Object.values(DEMO_CLIENTS)) {
        expect(banner).toContain(client.clientId);
        if (client.clientSecret) expect(banner).toContain(`secret: ${client.clientSecret}`);
        for (const uri of client.redirectUris) expect(banner).toContain(uri);
      }
      expect(banner).toContain('http://127.0.0.1/callback (any port)');
      expect(banner).toContain('Demo login: username "demo", password "demo".');
      expect(banner).toContain('PKCE methods:           S256 (');
      expect(banner).toContain('resource=urn:pkce-inspector:demo-api with scope api:read or api:write');
    } finally {
      expect(await stop(child)).toBe(0);
    }
    expect(output()).toContain('SIGINT: stopping the demo IdP.');
  }, 45_000);

  it('runs oidc-provider 8 with plain allowed under --plain', async () => {
    const { child, banner } = await startCli(['--port', '0', '--plain']);
    try {
      expect(banner).toContain('(oidc-provider 8)');
      expect(banner).toContain('PKCE methods:           S256, plain');
    } finally {
      expect(await stop(child)).toBe(0);
    }
  }, 45_000);

  it('parses its options: 9090 by default, 0 allowed, bad ports and unknown options refused', () => {
    expect(parseCliArgs([])).toEqual({ port: DEFAULT_PORT, plain: false });
    expect(DEFAULT_PORT).toBe(9090);
    expect(parseCliArgs(['--port', '0', '--plain'])).toEqual({ port: 0, plain: true });
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port must be a whole number/);
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--verbose'])).toThrow(/Unknown option/);
  });
});
