import { describe, expect, it } from 'vitest';
import { checkIssuerParameter } from './issuer-check';

describe('checkIssuerParameter', () => {
  it('says nothing when the IdP sent no iss', () => {
    expect(checkIssuerParameter(undefined, 'https://idp.example.test/authorize')).toBeUndefined();
  });
  it('notes an issuer on the Auth URL host', () => {
    expect(checkIssuerParameter('https://idp.example.test/tenant/v2.0', 'https://idp.example.test/tenant/oauth2/authorize')).toMatchObject({ level: 'info' });
  });
  it('warns about an issuer on another host, or not a URL', () => {
    expect(checkIssuerParameter('https://evil.example.test', 'https://idp.example.test/authorize')).toMatchObject({ level: 'warning', message: expect.stringContaining('mix-up') });
    expect(checkIssuerParameter('idp', 'https://idp.example.test/authorize')).toMatchObject({ level: 'warning', message: expect.stringContaining('not a URL') });
  });
});
