import { describe, expect, it } from 'vitest';
import { APP_SCHEME } from '../../shared/app-identity';
import { deepLinkNotice } from './deep-link-notice';
import { urlForLog } from './log-safe-url';

describe('urlForLog', () => {
  it('drops query and fragment, which can carry codes and tokens', () => {
    expect(urlForLog('https://localhost/callback?code=SECRET&state=s')).toBe('https://localhost/callback (query/fragment omitted)');
    expect(urlForLog(`${APP_SCHEME}:/callback#access_token=SECRET`)).not.toContain('SECRET');
    expect(urlForLog('https://idp.example.com/login')).toBe('https://idp.example.com/login');
    expect(urlForLog('data:text/html,<secret>')).toBe('data:…');
    expect(urlForLog('nope')).toBe('(not a URL)');
  });
});

describe('deepLinkNotice', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  it('says nothing for an accepted callback', () => {
    expect(deepLinkNotice(`${APP_SCHEME}:/callback?code=a&state=s`, { accepted: true }, at)).toBeNull();
  });
  it('leaves refused callbacks carrying a result to the engine, which warns about them', () => {
    expect(deepLinkNotice(`${APP_SCHEME}:/callback?code=a&state=unknown`, { accepted: false, reason: 'unknown state' }, at)).toBeNull();
  });
  it('leaves a malformed (not UTF-8) link to the engine, which warns about it, rather than notifying twice', () => {
    expect(deepLinkNotice(`${APP_SCHEME}:/x%FF`, { accepted: false, reason: 'not valid UTF-8' }, at)).toBeNull();
  });
  it('explains a link that carries no result', () => {
    const notice = deepLinkNotice(`${APP_SCHEME}:/`, { accepted: false, reason: 'No code.' }, at);
    expect(notice).toMatchObject({ level: 'info', at: '2026-01-01T00:00:00.000Z' });
    expect(notice?.message).toMatch(/not a sign-in callback/);
  });
});
