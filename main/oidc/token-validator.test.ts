// The validator against a real HTTP server serving a JWKS (keys made here with jose), so the fetch,
// the cache and the refetch on an unknown kid run over real sockets.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRow } from '../../shared/oidc/check-rows';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { sendJson, startLocalServer, type LocalServer } from '../flow/test-support/local-server';
import { JwksCache } from './jwks-cache';
import { TokenValidator, type TokenCheckContext } from './token-validator';

const ISSUER = 'https://idp.example.test';
const NOW = new Date();
const nowSec = Math.floor(NOW.getTime() / 1000);
const SECRET = 'a-client-secret-of-enough-length-for-hs256';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>> & { jwk: JWK };
async function keyPair(kid: string, alg = 'RS256'): Promise<KeyPair> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { ...pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } };
}

let server: LocalServer;
let served: { status: number; body: unknown } = { status: 200, body: { keys: [] } };
let key1: KeyPair;
let key2: KeyPair;
beforeAll(async () => {
  [key1, key2] = await Promise.all([keyPair('k1'), keyPair('k2')]);
  server = await startLocalServer((req, res) => {
    if (served.status !== 200) {
      res.writeHead(served.status, { 'content-type': 'text/html', ...(served.status === 302 ? { location: '/elsewhere' } : {}) });
      res.end(String(served.body));
      return;
    }
    sendJson(res, 200, served.body);
  });
});
afterAll(() => server?.close());

const half = (value: string) => createHash('sha256').update(value).digest().subarray(0, 16).toString('base64url');

async function sign(claims: Record<string, unknown>, key: KeyPair | Uint8Array = key1, alg = 'RS256', kid: string | undefined = 'k1') {
  const jwt = new SignJWT({ iss: ISSUER, aud: 'app', iat: nowSec, exp: nowSec + 300, nonce: 'n', at_hash: half('AT'), c_hash: half('CODE'), ...claims }).setProtectedHeader({ alg, ...(kid ? { kid } : {}) });
  return jwt.sign(key instanceof Uint8Array ? key : key.privateKey);
}

function context(overrides: Partial<FlowSettings> = {}, clientSecret: string | null = null): TokenCheckContext {
  return { settings: { ...defaultFlowSettings(), clientId: 'app', issuer: ISSUER, jwksUri: `${server.url}/jwks`, ...overrides }, clientSecret, nonce: 'n', code: 'CODE', now: NOW };
}

async function signatureRow(idToken: string, ctx = context(), validator = new TokenValidator(new JwksCache())): Promise<CheckRow | undefined> {
  const outcome = await validator.validate({ receivedAt: NOW.toISOString(), raw: {}, accessToken: 'AT', idToken }, ctx);
  return outcome.validation.idToken?.rows[0];
}

describe('TokenValidator: Signature', () => {
  it('passes a token signed by a key of the JWKS, and every claim row passes or says why not', async () => {
    served = { status: 200, body: { keys: [key1.jwk] } };
    const outcome = await new TokenValidator().validate({ receivedAt: NOW.toISOString(), raw: {}, accessToken: 'AT', idToken: await sign({}) }, context());
    const rows = outcome.validation.idToken?.rows ?? [];
    expect(rows.map((r) => [r.name, r.verdict])).toEqual([
      ['Signature', 'pass'],
      ['Issuer (iss)', 'pass'],
      ['Audience (aud)', 'pass'],
      ['Authorized party (azp)', 'not checked'],
      ['Expiry (exp)', 'pass'],
      ['Issued at (iat)', 'pass'],
      ['Not before (nbf)', 'not checked'],
      ['Nonce', 'pass'],
      ['Access token hash (at_hash)', 'pass'],
      ['Code hash (c_hash)', 'pass'],
      ['Auth time (auth_time)', 'not checked'],
    ]);
    expect(rows[0]?.reason).toBe(`RS256 signature verified with key kid "k1" from ${server.url}/jwks`);
    expect(outcome.notes).toEqual([{ level: 'info', message: expect.stringMatching(/^Fetched the JWKS from .*1 key \(k1\)/) }]);
  });

  it('fails a payload altered after signing', async () => {
    served = { status: 200, body: { keys: [key1.jwk] } };
    const [h, , s] = (await sign({})).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: 'app', iat: nowSec, exp: nowSec + 300, nonce: 'n', sub: 'admin' })).toString('base64url');
    expect(await signatureRow(`${h}.${forged}.${s}`)).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('does not verify') });
  });

  it('fetches the JWKS once per issuer, and again once when a kid is unknown (key rotation)', async () => {
    const validator = new TokenValidator(new JwksCache());
    served = { status: 200, body: { keys: [key1.jwk] } };
    const before = server.requests.length;
    expect((await signatureRow(await sign({}), context(), validator))?.verdict).toBe('pass');
    expect((await signatureRow(await sign({}), context(), validator))?.verdict).toBe('pass');
    expect(server.requests.length - before).toBe(1);
    served = { status: 200, body: { keys: [key2.jwk] } };
    expect((await signatureRow(await sign({}, key2, 'RS256', 'k2'), context(), validator))?.verdict).toBe('pass');
    expect(server.requests.length - before).toBe(2);
    // A kid the IdP does not have at all: one refetch, then a fail naming it.
    expect(await signatureRow(await sign({}, key1, 'RS256', 'gone'), context(), validator)).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('matches kid "gone"') });
    expect(server.requests.length - before).toBe(3);
  });

  it('fetches a kept key set again once it is older than its maximum age', async () => {
    let clock = NOW.getTime();
    const validator = new TokenValidator(new JwksCache({ now: () => new Date(clock), maxAgeMs: 60_000 }));
    served = { status: 200, body: { keys: [key1.jwk] } };
    const before = server.requests.length;
    await signatureRow(await sign({}), context(), validator);
    clock += 59_000;
    await signatureRow(await sign({}), context(), validator);
    expect(server.requests.length - before).toBe(1);
    clock += 2_000;
    served = { status: 200, body: { keys: [key2.jwk] } }; // key1 withdrawn
    expect(await signatureRow(await sign({}), context(), validator)).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('matches kid "k1"') });
    expect(server.requests.length - before).toBe(2); // the stale set fetched again: no second fetch for the kid
  });

  it('tries each key when the token names no kid', async () => {
    served = { status: 200, body: { keys: [key2.jwk, key1.jwk] } };
    expect((await signatureRow(await sign({}, key1, 'RS256', undefined)))?.verdict).toBe('pass');
  });

  it('fails alg none, and an alg the metadata does not list (RS256 when it lists none)', async () => {
    served = { status: 200, body: { keys: [key1.jwk] } };
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ISSUER })).toString('base64url')}.`;
    expect(await signatureRow(none)).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('alg "none"') });
    const ps = await keyPair('k1', 'PS256');
    served = { status: 200, body: { keys: [ps.jwk] } };
    expect(await signatureRow(await sign({}, ps, 'PS256'))).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/^alg PS256 is not RS256, the one expected when no metadata lists .*although the signature verifies/) });
    const listsEs = { source: 'x', fetchedAt: 'y', metadata: { issuer: ISSUER, id_token_signing_alg_values_supported: ['ES256'] } };
    expect(await signatureRow(await sign({}, ps, 'PS256'), context({ metadata: listsEs }))).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/^alg PS256 is not one the IdP lists \(ES256\), although/) });
    const metadata = { source: 'x', fetchedAt: 'y', metadata: { issuer: ISSUER, id_token_signing_alg_values_supported: ['PS256'] } };
    expect((await signatureRow(await sign({}, ps, 'PS256'), context({ metadata })))?.verdict).toBe('pass');
  });

  it('checks HS256 with the client secret of a confidential client only', async () => {
    const metadata = { source: 'x', fetchedAt: 'y', metadata: { issuer: ISSUER, id_token_signing_alg_values_supported: ['RS256', 'HS256'] } };
    const token = await sign({}, new TextEncoder().encode(SECRET), 'HS256', undefined);
    expect(await signatureRow(token, context({ metadata }, SECRET))).toEqual({ name: 'Signature', verdict: 'pass', reason: 'HS256 signature verified with the client secret' });
    expect(await signatureRow(token, context({ metadata }, `${SECRET}x`))).toMatchObject({ verdict: 'fail' });
    expect(await signatureRow(token, context({ metadata }, null))).toEqual({ name: 'Signature', verdict: 'not checked', reason: 'HS256 is checked with the client secret, and this is a public client (no secret)' });
  });

  it('says why it could not check: no JWKS URI, or a JWKS endpoint that answers badly', async () => {
    const token = await sign({});
    expect(await signatureRow(token, context({ jwksUri: '' }))).toEqual({ name: 'Signature', verdict: 'not checked', reason: 'no JWKS: press Discover or fill JWKS URI' });
    served = { status: 500, body: '<html>oops</html>' };
    expect(await signatureRow(token)).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('answered HTTP 500 instead of 200') });
    served = { status: 302, body: '' };
    expect(await signatureRow(token)).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('answered HTTP 302 redirecting to /elsewhere, which is not followed') });
    served = { status: 200, body: { nope: true } };
    expect(await signatureRow(token)).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('not a key set') });
  });

  it('uses the discovered jwks_uri when the JWKS URI field is empty', async () => {
    served = { status: 200, body: { keys: [key1.jwk] } };
    const metadata = { source: 'x', fetchedAt: 'y', metadata: { issuer: ISSUER, jwks_uri: `${server.url}/discovered-jwks` } };
    const before = server.requests.length;
    expect((await signatureRow(await sign({}), context({ jwksUri: '', metadata })))?.verdict).toBe('pass');
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(['/discovered-jwks']);
  });
});

describe('TokenValidator: JWT access token (informational)', () => {
  it('checks a JWS access token: signature, iss and exp, marked informational; an opaque one is left alone', async () => {
    served = { status: 200, body: { keys: [key1.jwk] } };
    const accessToken = await new SignJWT({ iss: ISSUER, aud: 'urn:api', exp: nowSec - 3600, iat: nowSec - 4000 }).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' }).sign(key1.privateKey);
    const outcome = await new TokenValidator().validate({ receivedAt: NOW.toISOString(), raw: {}, accessToken }, context());
    expect(outcome.validation.accessToken).toEqual({
      informational: true,
      rows: [
        { name: 'Signature', verdict: 'pass', reason: expect.stringContaining('RS256 signature verified') },
        { name: 'Issuer (iss)', verdict: 'pass', reason: expect.any(String) },
        { name: 'Expiry (exp)', verdict: 'fail', reason: expect.stringContaining('expired') },
      ],
    });
    expect(outcome.validation.idToken).toBeUndefined();
    expect((await new TokenValidator().validate({ receivedAt: NOW.toISOString(), raw: {}, accessToken: 'opaque' }, context())).validation).toEqual({});
  });

  it('warns when openid was asked for and no id_token came', async () => {
    const outcome = await new TokenValidator().validate({ receivedAt: NOW.toISOString(), raw: {}, accessToken: 'opaque' }, context({ scope: 'openid' }));
    expect(outcome.notes).toEqual([{ level: 'warning', message: expect.stringContaining('no id_token') }]);
  });

  it('fails an ID token that is not a JWT, and leaves an encrypted one not checked', async () => {
    const opaque = await new TokenValidator().validate({ receivedAt: NOW.toISOString(), raw: {}, idToken: 'opaque' }, context());
    expect(opaque.validation.idToken?.rows[0]).toMatchObject({ name: 'Signature', verdict: 'fail' });
    expect(opaque.validation.idToken?.rows.slice(1).every((r) => r.verdict === 'not checked')).toBe(true);
    const jwe = await new TokenValidator().validate({ receivedAt: NOW.toISOString(), raw: {}, idToken: 'a.b.c.d.e' }, context());
    expect(jwe.validation.idToken?.rows[0]).toMatchObject({ verdict: 'not checked', reason: expect.stringContaining('encrypted') });
  });
});
