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

/**
 * The words a POSIX shell makes of a command line, for the subset buildCurlCommand writes: single
 * quotes (literal, with '\\'' for a quote), double quotes with $VAR, and the line continuation.
 * $(...) is kept as text: the Basic header test checks its pieces.
 */
function wordsOf(command: string, env: Record<string, string> = {}): string[] {
  const words: string[] = [];
  let word: string | null = null;
  const text = command.replace(/\\\n\s*/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let close = i + 1;
      let depth = 0;
      while (close < text.length && !(text[close] === '"' && depth === 0)) {
        if (text.startsWith('$(', close)) depth++;
        else if (text[close] === ')' && depth > 0) depth--;
        close++;
      }
      const inner = text.slice(i + 1, close);
      word = (word ?? '') + (inner.startsWith('Authorization') ? inner : inner.replace(/\$([A-Z_]+)/g, (_m, name: string) => env[name] ?? ''));
      i = close;
    } else if (c === '\\') {
      word = (word ?? '') + (text[i + 1] ?? '');
      i++;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

describe('buildCurlCommand', () => {
  it('quotes values so the shell passes them through unchanged', () => {
    expect(wordsOf(`curl ${shellQuote(`a'b "c" $HOME`)}`)).toEqual(['curl', `a'b "c" $HOME`]);
  });

  it('a public client: body params as sent, no secret anywhere', () => {
    const { command, notes } = buildCurlCommand(traced('basic', null));
    const argv = wordsOf(command);
    expect(argv.slice(0, 5)).toEqual(['curl', '-sS', '-X', 'POST', 'https://idp.example/oauth2/token']);
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
    expect(wordsOf(command)).toContain(`Authorization: Basic $(printf '%s:%s' 'my+app' "$CLIENT_SECRET" | base64 | tr -d '\\n')`);
    expect(notes.some((n) => n.includes('CLIENT_SECRET'))).toBe(true);
  });

  it('a secret in the body becomes "client_secret=$CLIENT_SECRET"', () => {
    const { command } = buildCurlCommand(traced('body', 's3cret'));
    expect(command).not.toContain('s3cret');
    expect(wordsOf(command, { CLIENT_SECRET: 'x y' })).toContain('client_secret=x y');
  });

  it('masks code and verifier for display when asked, never the structure', () => {
    const { command } = buildCurlCommand(traced('basic', null), (name, value) => (name === 'code' || name === 'code_verifier' ? '••••' : value));
    expect(command).not.toContain('the-code');
    expect(command).not.toContain("it's-a-verifier");
    expect(command).toContain('redirect_uri=http://127.0.0.1:5000/callback');
  });

  it('keeps an Origin header (Entra ID SPA)', () => {
    const argv = wordsOf(buildCurlCommand(traced('basic', null, { origin: 'http://localhost:3000' })).command);
    expect(argv).toContain('origin: http://localhost:3000');
  });
});
