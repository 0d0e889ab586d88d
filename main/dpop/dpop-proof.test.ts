// Building DPoP proofs (RFC 9449 4.2) and reading nonce challenges (sections 8 and 9).
import { EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from '../keys/key-store';
import { loadDpopKey } from './dpop-key';
import { DpopNonces, dpopNonceHeader, isNonceChallenge } from './dpop-nonces';
import { accessTokenHash, createDpopProof, dpopHtu, dpopProofFor } from './dpop-proof';

const now = new Date('2026-11-30T10:00:00Z');
const answer = (status: number, headers: Record<string, string>, body = '') => ({ status, headers, body });

describe('DPoP proofs', () => {
  it('a verifiable dpop+jwt with the public key, htm, htu without query and fragment, iat and a fresh jti', async () => {
    const { key } = await loadDpopKey(createMemoryKeyStore(), null, 'ES256');
    const made = await createDpopProof(key, 'post', 'https://idp.example/token?tenant=a#x', { now, nonces: new DpopNonces() });
    const { payload, protectedHeader } = await jwtVerify(made.proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'], currentDate: now });
    expect(protectedHeader).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk });
    expect((protectedHeader.jwk as JWK).d).toBeUndefined();
    expect(payload).toEqual({ htm: 'POST', htu: 'https://idp.example/token', iat: now.getTime() / 1000, jti: expect.any(String) });
    expect(made.payload).toEqual(payload);
    const other = await createDpopProof(key, 'POST', 'https://idp.example/token', { now, nonces: new DpopNonces() });
    expect(other.payload.jti).not.toBe(payload.jti);
  });

  it('ath is base64url(SHA-256(access token)); the nonce is the server\'s latest unless given', async () => {
    const { key } = await loadDpopKey(createMemoryKeyStore(), null, 'Ed25519');
    const nonces = new DpopNonces();
    nonces.remember('https://rs.example/api', { headers: { 'dpop-nonce': 'server-nonce' } });
    const made = await createDpopProof(key, 'GET', 'https://rs.example/other', { accessToken: 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU', nonces, now });
    // RFC 9449 7.1's example access token and its ath.
    expect(made.payload).toMatchObject({ ath: 'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo', nonce: 'server-nonce' });
    expect(accessTokenHash('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU')).toBe('fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo');
    expect((await createDpopProof(key, 'GET', 'https://rs.example/x', { nonces, nonce: 'given', now })).payload.nonce).toBe('given');
    expect(made.header.alg).toBe('Ed25519');
  });

  it('dpopProofFor (for PAR and other callers): a DPoP header from the flow\'s keys, null without a DPoP key', async () => {
    const { key } = await loadDpopKey(createMemoryKeyStore(), null, 'ES256');
    expect(await dpopProofFor({}, 'POST', 'https://idp.example/par')).toBeNull();
    const made = await dpopProofFor({ dpopKey: key }, 'POST', 'https://idp.example/par', { nonces: new DpopNonces(), now });
    expect(made?.headers.dpop).toBe(made?.proof);
    expect(made?.payload).toMatchObject({ htm: 'POST', htu: 'https://idp.example/par' });
  });

  it('htu keeps scheme, host, port and path', () => {
    expect(dpopHtu('https://IdP.Example:8443/a/b?c=d#e')).toBe('https://idp.example:8443/a/b');
  });
});

describe('nonce challenges', () => {
  it('400 use_dpop_nonce at an authorization server, 401 WWW-Authenticate DPoP at a resource server', () => {
    expect(isNonceChallenge(answer(400, { 'dpop-nonce': 'n' }, '{"error":"use_dpop_nonce"}'))).toBe(true);
    expect(isNonceChallenge(answer(401, { 'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"' }))).toBe(true);
    expect(isNonceChallenge(answer(401, { 'WWW-Authenticate': 'Bearer realm="x", DPoP algs="ES256", error="use_dpop_nonce"' }))).toBe(true);
    expect(isNonceChallenge(answer(400, {}, '{"error":"invalid_dpop_proof"}'))).toBe(false);
    expect(isNonceChallenge(answer(401, { 'www-authenticate': 'DPoP error="invalid_token"' }))).toBe(false);
    expect(isNonceChallenge(answer(200, { 'dpop-nonce': 'n' }, '{"error":"use_dpop_nonce"}'))).toBe(false);
    expect(isNonceChallenge(answer(400, {}, 'not json'))).toBe(false);
  });

  it('reads DPoP-Nonce whatever its case; remembers the latest per server', () => {
    expect(dpopNonceHeader({ headers: { 'DPoP-Nonce': ' eyJ7S_zG.eyJH0-Z.HX4w-7v ' } })).toBe('eyJ7S_zG.eyJH0-Z.HX4w-7v');
    expect(dpopNonceHeader({ headers: { 'dpop-nonce': '' } })).toBeUndefined();
    const nonces = new DpopNonces();
    nonces.remember('https://a.example/token', { headers: { 'dpop-nonce': 'one' } });
    nonces.remember('https://a.example/userinfo', { headers: { 'dpop-nonce': 'two' } });
    nonces.remember('https://a.example/userinfo', { headers: {} });
    expect(nonces.get('https://a.example/token')).toBe('two');
    expect(nonces.get('https://b.example/token')).toBeUndefined();
  });
});
