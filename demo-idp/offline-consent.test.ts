import { describe, expect, it } from 'vitest';
import { withConsentForOfflineAccess } from './offline-consent';

const prompt = (query: string) => new URLSearchParams(withConsentForOfflineAccess(query)).getAll('prompt');

describe('withConsentForOfflineAccess', () => {
  it('adds consent to a request for offline_access', () => {
    expect(prompt('client_id=a&scope=openid%20offline_access&state=s')).toEqual(['consent']);
    expect(prompt('scope=openid+offline_access&prompt=login')).toEqual(['login consent']);
  });

  it('keeps every other parameter as it was', () => {
    const query = 'client_id=a&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&scope=openid%20offline_access&code_challenge=abc-_&state=x%2By';
    const params = new URLSearchParams(withConsentForOfflineAccess(query));
    params.delete('prompt');
    expect([...params]).toEqual([...new URLSearchParams(query)]);
  });

  it('leaves alone requests without offline_access, with consent already, with prompt=none or a repeated prompt', () => {
    for (const query of ['scope=openid%20profile', 'scope=offline_access&prompt=consent', 'scope=offline_access&prompt=login%20consent', 'scope=offline_access&prompt=none', 'scope=offline_access&prompt=login&prompt=login', '']) {
      expect(withConsentForOfflineAccess(query)).toBe(query);
    }
  });
});
