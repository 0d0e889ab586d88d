import { describe, expect, it } from 'vitest';
import { isFinalCallback, isUtf8AfterPercentDecoding, parseRedirect, sameCallbackTarget } from './redirect';
import { DEFAULT_SCHEME_CALLBACK } from './app-identity';

describe('parseRedirect', () => {
  it('reads code, state and iss from the query (RFC 6749 4.1.2, RFC 9207)', () => {
    const parsed = parseRedirect('http://127.0.0.1:53682/callback?code=abc%2B1&state=s-1&iss=https%3A%2F%2Fidp.example');
    expect(parsed).toEqual({
      source: 'query',
      code: 'abc+1',
      state: 's-1',
      iss: 'https://idp.example',
      params: { code: 'abc+1', state: 's-1', iss: 'https://idp.example' },
    });
  });

  it('reads the response from the fragment when the query has none (response_mode=fragment)', () => {
    const parsed = parseRedirect('https://localhost/callback?foo=bar#code=frag-code&state=s-2');
    expect(parsed.source).toBe('fragment');
    expect(parsed.code).toBe('frag-code');
    expect(parsed.state).toBe('s-2');
    expect(parsed.params).toEqual({ code: 'frag-code', state: 's-2' });
  });

  it.each(['code', 'state', 'iss', 'error'])('calls a redirect with %s twice malformed (RFC 6749 3.1), keeping the first value', (name) => {
    const response = name === 'error' ? 'error=e1&state=s1' : 'code=c1&state=s1&iss=i1';
    const parsed = parseRedirect(`http://127.0.0.1/callback?${response}&${name}=second`);
    expect(parsed.malformed).toBe(`${name} appears more than once (RFC 6749 3.1 allows each parameter once)`);
    expect(parsed.params[name]).toMatch(/1$/);
  });

  it('calls code together with error malformed (RFC 6749 4.1.2), and names every problem', () => {
    expect(parseRedirect('http://127.0.0.1/callback?code=c&error=access_denied&state=s').malformed).toBe('it carries both code and error (RFC 6749 4.1.2: a response is one or the other)');
    expect(parseRedirect('http://127.0.0.1/callback?code=a&code=b&state=s&state=t&error=x').malformed).toBe(
      'code, state appear more than once (RFC 6749 3.1 allows each parameter once); and it carries both code and error (RFC 6749 4.1.2: a response is one or the other)',
    );
  });

  it('treats names such as constructor and __proto__ as plain parameters', () => {
    const parsed = parseRedirect('http://127.0.0.1/callback?constructor=x&__proto__=y&toString=z&code=c&state=s');
    expect(parsed.malformed).toBeUndefined();
    expect(parsed.params).toEqual({ constructor: 'x', ['__proto__']: 'y', toString: 'z', code: 'c', state: 's' });
    expect(parseRedirect('http://127.0.0.1/callback?constructor=x&constructor=y&code=c').malformed).toContain('constructor appears more than once');
  });

  it('leaves a well-formed redirect, and a repeated parameter outside the response, alone', () => {
    expect(parseRedirect('http://127.0.0.1/callback?code=c&state=s').malformed).toBeUndefined();
    expect(parseRedirect('http://127.0.0.1/callback?x=1&x=2#code=c&state=s').malformed).toBeUndefined();
  });

  it('prefers the query when both carry a response', () => {
    const parsed = parseRedirect('https://localhost/?code=from-query#code=from-fragment');
    expect(parsed.source).toBe('query');
    expect(parsed.code).toBe('from-query');
  });

  it('reads an error redirect with its description (+ as space), URI and iss (RFC 6749 4.1.2.1)', () => {
    const parsed = parseRedirect(
      'io.github.pkce-inspector:/callback?error=access_denied&error_description=The+user+said+no%21&error_uri=https%3A%2F%2Fidp.example%2Fhelp&state=s-3&iss=https%3A%2F%2Fidp.example',
    );
    expect(parsed).toMatchObject({
      source: 'query',
      error: 'access_denied',
      errorDescription: 'The user said no!',
      errorUri: 'https://idp.example/help',
      state: 's-3',
      iss: 'https://idp.example',
    });
    expect(parsed.code).toBeUndefined();
  });

  it("says 'none' for a URL that carries neither code nor error, and leaves absent fields undefined", () => {
    const parsed = parseRedirect('https://login.example/kmsi?state=s-4');
    expect(parsed.source).toBe('none');
    expect(parsed.code).toBeUndefined();
    expect(parsed.error).toBeUndefined();
    expect(parsed.state).toBe('s-4');
  });

  it('keeps an empty code as an empty string (present, for the router to refuse)', () => {
    const parsed = parseRedirect('http://127.0.0.1/callback?code=&state=s');
    expect(parsed.source).toBe('query');
    expect(parsed.code).toBe('');
  });

  it('throws on a string that is not a URL (callers catch it)', () => {
    expect(() => parseRedirect('not a url')).toThrow();
  });
});

describe('isFinalCallback', () => {
  const https = 'https://localhost';
  const loopback = 'http://127.0.0.1:53682/callback';

  it('accepts the exact callback carrying a code or an error, whatever the query order', () => {
    expect(isFinalCallback('https://localhost/?code=x&state=y', https)).toBe(true);
    expect(isFinalCallback('https://localhost?state=y&error=access_denied', https)).toBe(true);
    expect(isFinalCallback(`${loopback}?code=x`, loopback)).toBe(true);
    expect(isFinalCallback('https://localhost/#code=x', https)).toBe(true);
  });

  it('ignores the letter case of scheme and host, and a default port written out', () => {
    expect(isFinalCallback('HTTPS://LocalHost/?code=x', https)).toBe(true);
    expect(isFinalCallback('https://localhost:443/?code=x', https)).toBe(true);
    expect(isFinalCallback('http://127.0.0.1:80/callback?code=x', 'http://127.0.0.1/callback')).toBe(true);
  });

  it('refuses look-alike hosts', () => {
    expect(isFinalCallback('https://localhost.evil.com/?code=x', https)).toBe(false);
    expect(isFinalCallback('https://evil.com/localhost?code=x', https)).toBe(false);
    expect(isFinalCallback('https://localhost@evil.com/?code=x', https)).toBe(false);
    expect(isFinalCallback('https://user@localhost/?code=x', https)).toBe(false);
  });

  it('refuses another port or scheme', () => {
    expect(isFinalCallback('https://localhost:8443/?code=x', https)).toBe(false);
    expect(isFinalCallback('http://localhost/?code=x', https)).toBe(false);
    expect(isFinalCallback('http://127.0.0.1:53683/callback?code=x', loopback)).toBe(false);
  });

  it('refuses path prefix and suffix tricks; the path must match exactly', () => {
    expect(isFinalCallback('https://localhost/callback?code=x', https)).toBe(false);
    expect(isFinalCallback('http://127.0.0.1:53682/callback/evil?code=x', loopback)).toBe(false);
    expect(isFinalCallback('http://127.0.0.1:53682/callbackevil?code=x', loopback)).toBe(false);
    expect(isFinalCallback('http://127.0.0.1:53682/Callback?code=x', loopback)).toBe(false);
    expect(isFinalCallback('http://127.0.0.1:53682/?code=x', loopback)).toBe(false);
    // https://localhost and https://localhost/ are the same URL.
    expect(isFinalCallback('https://localhost/?code=x', 'https://localhost/')).toBe(true);
  });

  it("matches the app's custom scheme exactly", () => {
    expect(isFinalCallback(`${DEFAULT_SCHEME_CALLBACK}?code=x&state=y`, DEFAULT_SCHEME_CALLBACK)).toBe(true);
    expect(isFinalCallback('io.github.pkce-inspector:/other?code=x', DEFAULT_SCHEME_CALLBACK)).toBe(false);
    expect(isFinalCallback('io.github.pkce-inspector://callback?code=x', DEFAULT_SCHEME_CALLBACK)).toBe(false);
    expect(isFinalCallback('io.github.pkce-inspectorx:/callback?code=x', DEFAULT_SCHEME_CALLBACK)).toBe(false);
  });

  it('lets the intermediate pages of a login pass: right target but no code or error', () => {
    expect(isFinalCallback('https://localhost/', https)).toBe(false);
    expect(isFinalCallback('https://localhost/?state=y', https)).toBe(false);
    expect(isFinalCallback('https://localhost/?codes=x&errors=y', https)).toBe(false);
  });

  it('is false, not a throw, for input that is not a URL', () => {
    expect(isFinalCallback('', https)).toBe(false);
    expect(isFinalCallback('::::', https)).toBe(false);
    expect(isFinalCallback('https://localhost/?code=x', 'not a url')).toBe(false);
  });
});

describe('sameCallbackTarget', () => {
  it('ignores query and fragment', () => {
    expect(sameCallbackTarget('https://localhost/cb?x=1#y', 'https://localhost/cb')).toBe(true);
    expect(sameCallbackTarget('https://localhost/cb', 'https://localhost/cb?expected=1')).toBe(true);
  });
});

describe('isUtf8AfterPercentDecoding', () => {
  it('accepts ASCII, encoded UTF-8, raw non-ASCII text and a literal % that starts no escape', () => {
    for (const url of [
      'http://127.0.0.1/callback?code=abc%2B1&state=s',
      'https://localhost/callback?error_description=Zugriff+verweigert%3A+%C3%BCberpr%C3%BCfen&state=s',
      'io.github.pkce-inspector:/callback?code=%F0%9F%94%91&state=s',
      'https://localhost/callback?state=über&code=x',
      'https://localhost/callback?code=100%&state=%zz',
      'https://localhost/callback?error_description=%c3%bcberpr%c3%bcfen&state=s', // lowercase hex
      'https://localhost/callback?state=s&code=ab%4', // a % too close to the end to start an escape
    ]) {
      expect(isUtf8AfterPercentDecoding(url), url).toBe(true);
    }
  });

  it('refuses bytes that are not UTF-8 once decoded, in the query, the fragment or the path', () => {
    for (const url of [
      'http://127.0.0.1/callback?code=abc%FF&state=s',
      'https://localhost/callback#code=x&state=%C3',
      'io.github.pkce-inspector:/callback?code=%C0%AF&state=s', // overlong "/"
      'io.github.pkce-inspector:/callback?code=%ED%A0%80&state=s', // a UTF-16 surrogate
      'http://127.0.0.1/call%E9back?code=x&state=s', // Latin-1 é
      'http://127.0.0.1/callback?code=x&state=%e9', // the same, lowercase
    ]) {
      expect(isUtf8AfterPercentDecoding(url), url).toBe(false);
    }
    // What URLSearchParams would silently have done instead:
    expect(parseRedirect('http://127.0.0.1/callback?code=abc%FF&state=s').code).toBe('abc\uFFFD');
  });
});
