import { describe, expect, it } from 'vitest';
import type { HttpAnswer } from './token-client';
import { interpretTokenResponse } from './token-response';

const AT = '2026-01-01T00:00:00.000Z';
function answer(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, extra: Partial<HttpAnswer> = {}): HttpAnswer {
  return { status, statusText: '', headers, body, truncated: false, limitBytes: 1_048_576, durationMs: 5, ...extra };
}

describe('interpretTokenResponse', () => {
  it('picks the well-known fields of a success and keeps the raw JSON', () => {
    const raw = { access_token: 'at', id_token: 'a.b.c', refresh_token: 'rt', token_type: 'Bearer', expires_in: 3600, scope: 'openid', extra: 1 };
    const outcome = interpretTokenResponse(answer(200, JSON.stringify(raw)), AT);
    expect(outcome).toEqual({
      ok: true,
      tokens: { receivedAt: AT, raw, accessToken: 'at', idToken: 'a.b.c', refreshToken: 'rt', tokenType: 'Bearer', expiresIn: 3600, scope: 'openid' },
      warnings: [],
    });
  });

  it('accepts expires_in sent as a string, with a warning', () => {
    const outcome = interpretTokenResponse(answer(200, '{"access_token":"at","token_type":"Bearer","expires_in":"3599"}'), AT);
    expect(outcome.ok && outcome.tokens.expiresIn).toBe(3599);
    expect(outcome.ok && outcome.warnings).toEqual([expect.stringContaining('the string "3599", not a JSON number')]);
  });

  it.each([
    ['empty', '""', 'empty ("")'],
    ['not a number', '"soon"', '"soon", not a number'],
    ['negative', '-5', '-5, a negative number'],
    ['null', 'null', 'null, not a number'],
  ])('flags an expires_in that is %s, keeps it as received and never turns it into 0', (_what, json, words) => {
    const body = `{"access_token":"at","token_type":"Bearer","expires_in":${json}}`;
    const outcome = interpretTokenResponse(answer(200, body), AT);
    if (!outcome.ok) throw new Error('expected tokens');
    expect(outcome.tokens.expiresIn).toBeUndefined();
    expect(outcome.tokens.raw.expires_in).toEqual(JSON.parse(json));
    expect(outcome.warnings).toEqual([expect.stringContaining(`expires_in is ${words}`)]);
  });

  it('flags JSON read under a Content-Type that is not JSON, and a missing token_type', () => {
    const outcome = interpretTokenResponse(answer(200, '{"access_token":"at"}', { 'content-type': 'text/plain; charset=utf-8' }), AT);
    expect(outcome.ok && outcome.tokens.accessToken).toBe('at');
    expect(outcome.ok && outcome.warnings).toEqual([
      expect.stringContaining('Content-Type is "text/plain; charset=utf-8"; RFC 6749 5.1 requires application/json'),
      expect.stringContaining('no token_type'),
    ]);
    const none = interpretTokenResponse(answer(200, '{"access_token":"at","token_type":"Bearer"}', {}), AT);
    expect(none.ok && none.warnings).toEqual([expect.stringContaining('Content-Type is missing')]);
    const charset = interpretTokenResponse(answer(200, '{"access_token":"at","token_type":"Bearer"}', { 'content-type': 'application/json;charset=UTF-8' }), AT);
    expect(charset.ok && charset.warnings).toEqual([]);
  });

  it('reports an OAuth error with its fields, status and a hint', () => {
    const body = '{"error":"invalid_grant","error_description":"grant request is invalid","error_uri":"https://e.test/x"}';
    const outcome = interpretTokenResponse(answer(400, body), AT);
    expect(outcome).toEqual({
      ok: false,
      error: {
        kind: 'oauth_error',
        error: 'invalid_grant',
        errorDescription: 'grant request is invalid',
        errorUri: 'https://e.test/x',
        httpStatus: 400,
        raw: body,
        message: expect.stringContaining('code_verifier does not match'),
        hint: expect.stringContaining('code_verifier does not match'),
      },
    });
  });

  it('reports an error member even on a 200', () => {
    const outcome = interpretTokenResponse(answer(200, '{"error":"invalid_client"}'), AT);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'oauth_error', error: 'invalid_client', httpStatus: 200 } });
  });

  it('says an HTML 500 is not JSON, with its content type and the body kept', () => {
    const html = '<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>';
    const outcome = interpretTokenResponse(answer(500, html, { 'content-type': 'text/html; charset=utf-8' }, { statusText: 'Internal Server Error' }), AT);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ kind: 'non_json', httpStatus: 500, raw: html });
    expect(outcome.error.message).toContain('HTTP 500 Internal Server Error');
    expect(outcome.error.message).toContain('an HTML page');
    expect(outcome.error.message).toContain('text/html; charset=utf-8');
  });

  it('reports a status without a body as http_status with advice', () => {
    const outcome = interpretTokenResponse(answer(401, '', {}), AT);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'http_status', httpStatus: 401, message: expect.stringContaining('Client Secret') } });
  });

  it('reports JSON without an error code on a failure status as http_status', () => {
    const outcome = interpretTokenResponse(answer(503, '{"message":"down"}'), AT);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'http_status', httpStatus: 503, raw: '{"message":"down"}' } });
  });

  it('reports 2xx JSON without access_token as invalid_token_response, naming the members', () => {
    const outcome = interpretTokenResponse(answer(200, '{"id_token":"a.b.c","token_type":"Bearer"}'), AT);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'invalid_token_response', message: expect.stringContaining('id_token, token_type') } });
  });

  it('reports an empty 2xx and a JSON array as invalid_token_response', () => {
    expect(interpretTokenResponse(answer(200, ''), AT)).toMatchObject({ ok: false, error: { kind: 'invalid_token_response' } });
    expect(interpretTokenResponse(answer(200, '[1]'), AT)).toMatchObject({ ok: false, error: { kind: 'invalid_token_response' } });
  });

  it('never takes a truncated body for tokens', () => {
    const outcome = interpretTokenResponse(answer(200, '{"access_token":"at"}', undefined, { truncated: true, limitBytes: 20 }), AT);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'response_too_large', message: expect.stringContaining('20 bytes'), raw: '{"access_token":"at"}' } });
  });

  it('reports a redirect from the token endpoint with its location', () => {
    const outcome = interpretTokenResponse(answer(302, '', { location: 'https://login.example.test/' }), AT);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'http_status', httpStatus: 302, message: expect.stringContaining('https://login.example.test/') } });
  });
});
