import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { CLIENT_ASSERTION_TYPE } from '../../shared/token-request';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import type { SigningKeyMaterial } from '../keys/key-material';
import { buildAuthenticatedPost } from './authenticated-post';
import { AssertionUnavailable } from './client-assertion';

const now = new Date('2026-11-30T10:00:00Z');
const url = 'https://idp.example/oauth/token?x=1';
const post = { url, params: [['grant_type', 'authorization_code']] as [string, string][], clientId: 'client-1' };

async function signingKey(): Promise<SigningKeyMaterial> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { alg: 'ES256', kid: 'k1', privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: 'k1' } };
}
const settings = (over: Partial<FlowSettings>) => ({ ...defaultFlowSettings(), ...over });

describe('client authentication by assertion', () => {
  it('private_key_jwt: iss = sub = client_id, aud = the endpoint without its query, jti, exp 60 s after iat, signed with the kid', async () => {
    const key = await signingKey();
    const request = await buildAuthenticatedPost({ ...post, clientSecret: null }, { settings: settings({ clientAuthentication: 'private_key_jwt' }), keys: { signingKey: key }, now });
    const body = new URLSearchParams(request.body);
    expect(body.get('client_assertion_type')).toBe(CLIENT_ASSERTION_TYPE);
    expect(body.get('client_id')).toBe('client-1');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.clientAuth).toBe('private_key_jwt');
    const assertion = body.get('client_assertion')!;
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: 'ES256', kid: 'k1' });
    const { payload } = await jwtVerify(assertion, await importJWK(key.publicJwk, 'ES256'), { currentDate: now });
    expect(payload).toMatchObject({ iss: 'client-1', sub: 'client-1', aud: 'https://idp.example/oauth/token' });
    expect(payload.exp! - payload.iat!).toBe(60);
    expect(typeof payload.jti).toBe('string');
  });

  it('a fresh jti on every assertion', async () => {
    const key = await signingKey();
    const ctx = { settings: settings({ clientAuthentication: 'private_key_jwt' }), keys: { signingKey: key }, now };
    const a = decodeJwt(new URLSearchParams((await buildAuthenticatedPost({ ...post, clientSecret: null }, ctx)).body).get('client_assertion')!);
    const b = decodeJwt(new URLSearchParams((await buildAuthenticatedPost({ ...post, clientSecret: null }, ctx)).body).get('client_assertion')!);
    expect(a.jti).not.toBe(b.jti);
  });

  it('client_secret_jwt: HS256 with the secret, which itself is never sent; audience the issuer when chosen', async () => {
    const request = await buildAuthenticatedPost(
      { ...post, clientSecret: 'sekret-value-long-enough-for-hmac-0123456789' },
      { settings: settings({ clientAuthentication: 'client_secret_jwt', assertionAudience: 'issuer', issuer: 'https://idp.example/tenant' }), keys: {}, now },
    );
    expect(request.body).not.toContain('sekret');
    const assertion = new URLSearchParams(request.body).get('client_assertion')!;
    const { payload, protectedHeader } = await jwtVerify(assertion, new TextEncoder().encode('sekret-value-long-enough-for-hmac-0123456789'), { currentDate: now });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload.aud).toBe('https://idp.example/tenant');
  });

  it('says what is missing: no key, no secret, no issuer', async () => {
    await expect(buildAuthenticatedPost({ ...post, clientSecret: null }, { settings: settings({ clientAuthentication: 'private_key_jwt' }), keys: {}, now })).rejects.toBeInstanceOf(AssertionUnavailable);
    await expect(buildAuthenticatedPost({ ...post, clientSecret: '' }, { settings: settings({ clientAuthentication: 'client_secret_jwt' }), keys: {}, now })).rejects.toThrow(/Client Secret/);
    await expect(buildAuthenticatedPost({ ...post, clientSecret: 's' }, { settings: settings({ clientAuthentication: 'client_secret_jwt', assertionAudience: 'issuer' }), keys: {}, now })).rejects.toThrow(/no Issuer/);
  });

  it('tls_client_auth: only client_id in the body, nothing secret', async () => {
    const request = await buildAuthenticatedPost({ ...post, clientSecret: 'unused' }, { settings: settings({ clientAuthentication: 'tls_client_auth' }), keys: {}, now });
    expect(request.bodyParams).toEqual([['grant_type', 'authorization_code'], ['client_id', 'client-1']]);
    expect(request.headers.authorization).toBeUndefined();
  });
  it('client_secret_jwt: the HMAC the IdP lists when it does not list HS256', async () => {
    const metadata = { source: 'https://idp.example/.well-known/openid-configuration', fetchedAt: '2026-11-30T10:00:00Z', metadata: { issuer: 'https://idp.example', token_endpoint_auth_signing_alg_values_supported: ['HS512', 'RS256'] } };
    const secret = 'sekret-value-long-enough-for-hmac-512-0123456789-0123456789-0123456789';
    const request = await buildAuthenticatedPost({ ...post, clientSecret: secret }, { settings: settings({ clientAuthentication: 'client_secret_jwt', metadata }), keys: {}, now });
    const { protectedHeader } = await jwtVerify(new URLSearchParams(request.body).get('client_assertion')!, new TextEncoder().encode(secret), { currentDate: now });
    expect(protectedHeader.alg).toBe('HS512');
  });
});
