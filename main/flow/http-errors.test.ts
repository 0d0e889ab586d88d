// The shapes below are those undici throws (TypeError 'fetch failed' with the reason in `cause`);
// the real-socket cases are in token-client.test.ts, these cover codes a local test cannot provoke.
import { describe, expect, it } from 'vitest';
import { collectErrorCodes, describeNetworkFailure } from './http-errors';

const ctx = { url: 'https://idp.example.test/oauth2/token', timeoutMs: 30_000 };
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('describeNetworkFailure', () => {
  it('finds codes inside an AggregateError (a name resolving to ::1 and 127.0.0.1)', () => {
    const err = fetchFailed(Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' }));
    expect(collectErrorCodes(err)).toEqual(['ECONNREFUSED']);
    expect(describeNetworkFailure(err, ctx).kind).toBe('connection_refused');
  });

  it.each([
    ['ENOTFOUND', 'dns', /does not exist/],
    ['EAI_AGAIN', 'dns', /temporary/],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', /30 s/],
    ['CERT_HAS_EXPIRED', 'tls', /expired/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', /intermediate certificate/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /not valid for this host name/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', /self-signed/],
    ['ECONNRESET', 'network', /closed before a complete answer/],
    ['EHOSTUNREACH', 'network', /no route/],
  ] as const)('%s → %s', (code, kind, message) => {
    const error = describeNetworkFailure(fetchFailed(coded(code, `connect ${code}`)), ctx);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('idp.example.test');
    expect(error.raw).toContain(code);
  });

  it('treats the AbortSignal.timeout reason as a timeout', () => {
    const err = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(describeNetworkFailure(err, { ...ctx, timeoutMs: 5_000 })).toMatchObject({ kind: 'timeout', message: expect.stringContaining('5 s') });
  });

  it('falls back to network with the innermost message for anything else', () => {
    const error = describeNetworkFailure(fetchFailed(new Error('something odd')), ctx);
    expect(error.kind).toBe('network');
    expect(error.message).toContain('something odd');
  });

  it('names the endpoint and the field it was asked to (e.g. discovery and the Issuer)', () => {
    const endpoint = { endpoint: 'discovery endpoint', request: 'discovery request', field: 'Issuer' };
    expect(describeNetworkFailure(fetchFailed(coded('ECONNREFUSED')), { ...ctx, endpoint }).message).toMatch(/Check the host and port of the Issuer/);
    expect(describeNetworkFailure(fetchFailed(coded('ENOTFOUND')), { ...ctx, endpoint }).message).toMatch(/^The host name in the Issuer/);
    expect(describeNetworkFailure(fetchFailed(new Error('odd')), { ...ctx, endpoint }).message).toMatch(/^The discovery request to idp\.example\.test failed: odd/);
    // Without words: the token endpoint, as before.
    expect(describeNetworkFailure(fetchFailed(coded('ECONNREFUSED')), ctx).message).toMatch(/Access Token URL/);
  });
});
