import { describe, expect, it } from 'vitest';
import { APP_SCHEME } from '../../shared/app-identity';
import { DeepLinkQueue, extractDeepLinks, normaliseDeepLink } from './deep-links';
import { protocolClientRegistration } from './protocol-client';

const link = `${APP_SCHEME}:/callback?code=abc&state=xyz`;

describe('extractDeepLinks', () => {
  it('finds the link among the executable and Chromium flags (Windows second-instance argv)', () => {
    const argv = ['C:\\Program Files\\PKCE Inspector\\PKCE Inspector.exe', '--allow-file-access-from-files', '--original-process-start-time=13349', link];
    expect(extractDeepLinks(argv, APP_SCHEME)).toEqual([link]);
  });

  it('finds the link after the script path in dev', () => {
    expect(extractDeepLinks(['/usr/lib/electron/electron', '/work/app/out/main/index.js', link], APP_SCHEME)).toEqual([link]);
  });

  it('unwraps a quoted argument', () => {
    expect(extractDeepLinks(['app.exe', `"${link}"`], APP_SCHEME)).toEqual([link]);
  });

  it('ignores non-scheme arguments, look-alike schemes and links hidden in flags', () => {
    const argv = ['app', 'https://localhost/callback?code=1', `${APP_SCHEME}x:/callback?code=1`, `--open=${link}`, 'io.github:/callback', ''];
    expect(extractDeepLinks(argv, APP_SCHEME)).toEqual([]);
  });

  it('keeps several links in order and drops exact repeats', () => {
    const second = `${APP_SCHEME}:/callback?error=access_denied&state=s2`;
    expect(extractDeepLinks(['app', link, second, link], APP_SCHEME)).toEqual([link, second]);
  });

  it('accepts the scheme in any case and normalises it to lower case', () => {
    expect(extractDeepLinks(['app', `IO.GitHub.PKCE-Inspector:/callback?code=abc&state=xyz`], APP_SCHEME)).toEqual([link]);
  });

  it('keeps fragment callbacks intact', () => {
    const fragment = `${APP_SCHEME}:/callback#code=abc&state=xyz`;
    expect(extractDeepLinks(['app', fragment], APP_SCHEME)).toEqual([fragment]);
  });

  it('passes a link that is not UTF-8 once decoded on as it is, for the flow engine to refuse with a notice', () => {
    const malformed = `${APP_SCHEME}:/callback?code=a%FF&state=xyz`;
    expect(extractDeepLinks(['app', malformed], APP_SCHEME)).toEqual([malformed]);
  });

  it('refuses absurdly long arguments', () => {
    expect(normaliseDeepLink(`${APP_SCHEME}:/callback?code=${'a'.repeat(20_000)}`, APP_SCHEME)).toBeNull();
  });
});

describe('DeepLinkQueue', () => {
  it('holds links that arrive before the handler and delivers them in order, then passes new ones straight through', () => {
    const queue = new DeepLinkQueue();
    queue.push('a');
    queue.push('b');
    expect(queue.size).toBe(2);
    const seen: string[] = [];
    queue.attach((url) => seen.push(url));
    queue.push('c');
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });
});

describe('protocolClientRegistration', () => {
  it('registers the packaged app by itself', () => {
    expect(protocolClientRegistration(APP_SCHEME, { defaultApp: false, execPath: '/opt/app/pkce-inspector', argv: ['/opt/app/pkce-inspector'] })).toEqual({ scheme: APP_SCHEME });
  });

  it('in dev, registers Electron plus the absolute script path', () => {
    const registration = protocolClientRegistration(APP_SCHEME, { defaultApp: true, execPath: '/usr/lib/electron/electron', argv: ['/usr/lib/electron/electron', 'out/main/index.js'] });
    expect(registration.path).toBe('/usr/lib/electron/electron');
    expect(registration.args).toHaveLength(1);
    expect(registration.args?.[0]).toMatch(/^\/.*out\/main\/index\.js$/);
  });
});
