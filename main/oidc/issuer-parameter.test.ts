import { describe, expect, it } from 'vitest';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { checkIssuerParameter } from './issuer-parameter';
import { checkRedirect } from './redirect-checks';
import { parseRedirect } from '../../shared/redirect';

const ISSUER = 'https://idp.example.test/tenant/v2.0';
const URL_ = 'http://127.0.0.1/callback?code=c&state=s';

function settings(overrides: Partial<FlowSettings> = {}, advertised?: boolean): FlowSettings {
  return {
    ...defaultFlowSettings(),
    authUrl: 'https://idp.example.test/tenant/oauth2/authorize',
    ...(advertised === undefined
      ? {}
      : { metadata: { source: `${ISSUER}/.well-known/openid-configuration`, fetchedAt: '2026-01-01T00:00:00Z', metadata: { issuer: ISSUER, authorization_response_iss_parameter_supported: advertised } } }),
    ...overrides,
  };
}

describe('checkIssuerParameter with metadata (RFC 9207)', () => {
  it('passes an iss equal to the issuer', () => {
    expect(checkIssuerParameter(ISSUER, settings({}, true))).toEqual({ note: { level: 'info', message: `The redirect's iss "${ISSUER}" equals the issuer (RFC 9207).` } });
  });

  it('fails a missing iss when the IdP advertises it, naming what was expected', () => {
    expect(checkIssuerParameter(undefined, settings({}, true))).toEqual({
      failure: { kind: 'issuer_mismatch', message: expect.stringMatching(new RegExp(`carries no iss.*must name the issuer "${ISSUER}".*before any token request`)) },
    });
  });

  it('fails a different iss, saying which came and which was expected, even when not advertised (RFC 9207 2.4)', () => {
    for (const advertised of [true, false]) {
      const verdict = checkIssuerParameter(`${ISSUER}/`, settings({}, advertised));
      expect(verdict.failure?.message).toContain(`iss="${ISSUER}/", but the issuer is "${ISSUER}"`);
    }
  });

  it('says nothing of a missing iss the IdP does not advertise', () => {
    expect(checkIssuerParameter(undefined, settings({}, false))).toEqual({});
  });

  it('lets a mix-up test go on, saying so', () => {
    const verdict = checkIssuerParameter('https://evil.example.test', settings({ allowIssuerMismatch: true }, true));
    expect(verdict.failure).toBeUndefined();
    expect(verdict.note).toEqual({ level: 'warning', message: expect.stringContaining('Going on to the token request anyway, as "Allow issuer mismatch (mix-up test)" is ticked') });
  });
});

describe('checkIssuerParameter without metadata (warnings only)', () => {
  it('compares with the Issuer field exactly when typed', () => {
    expect(checkIssuerParameter(ISSUER, settings({ issuer: ISSUER })).note?.level).toBe('info');
    expect(checkIssuerParameter('https://other.test', settings({ issuer: ISSUER }))).toEqual({ note: { level: 'warning', message: expect.stringContaining('differs from the Issuer') } });
  });

  it('falls back to comparing hosts with the Auth URL', () => {
    expect(checkIssuerParameter(undefined, settings())).toEqual({});
    expect(checkIssuerParameter(ISSUER, settings()).note?.level).toBe('info');
    expect(checkIssuerParameter('https://evil.example.test', settings()).note).toMatchObject({ level: 'warning', message: expect.stringContaining('mix-up') });
    expect(checkIssuerParameter('idp', settings()).note).toMatchObject({ level: 'warning', message: expect.stringContaining('not a URL') });
  });
});

describe('checkRedirect', () => {
  it('fails a malformed redirect before anything else', () => {
    const url = 'http://127.0.0.1/callback?code=a&code=b&state=s';
    expect(checkRedirect(parseRedirect(url), url, settings({}, true))).toEqual({
      notes: [],
      failure: { kind: 'malformed_redirect', message: 'The redirect is malformed: code appears more than once (RFC 6749 3.1 allows each parameter once). Its code was not sent to the token endpoint; the redirect is in the trace.' },
    });
  });

  it('puts the issuer check before an error response, and reports the error otherwise', () => {
    const url = 'http://127.0.0.1/callback?error=access_denied&state=s';
    expect(checkRedirect(parseRedirect(url), url, settings({}, true)).failure?.kind).toBe('issuer_mismatch');
    expect(checkRedirect(parseRedirect(url), url, settings({}, false)).failure).toMatchObject({ kind: 'authorization_error', error: 'access_denied' });
    expect(checkRedirect(parseRedirect(URL_), URL_, settings({}, false))).toEqual({ notes: [] });
  });
});
