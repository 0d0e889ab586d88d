import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { SigningKeyMaterial } from '../keys/key-material';
import { createRequestObject, paramsAsClaims, REQUEST_OBJECT_TYP } from './request-object';

const now = new Date('2026-11-30T10:00:00Z');

async function key(alg: 'ES256' | 'PS256', kid?: string): Promise<SigningKeyMaterial> {
  const { privateKey, publicKey } = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { alg, ...(kid ? { kid } : {}), privateKey, publicJwk: await exportJWK(publicKey) };
}

describe('request objects (RFC 9101)', () => {
  it('signs the parameters as claims with iss = client_id, aud = the issuer, iat = nbf, exp 300 s later, a jti; typ oauth-authz-req+jwt', async () => {
    const signingKey = await key('PS256', 'k-7');
    const made = await createRequestObject({ params: [['response_type', 'code'], ['client_id', 'c1'], ['state', 's']], clientId: 'c1', audience: 'https://idp.example', signingKey, now });
    const { payload, protectedHeader } = await jwtVerify(made.jwt, await importJWK(signingKey.publicJwk, 'PS256'), { currentDate: now, issuer: 'c1', audience: 'https://idp.example', typ: REQUEST_OBJECT_TYP });
    expect(protectedHeader).toEqual({ alg: 'PS256', typ: 'oauth-authz-req+jwt', kid: 'k-7' });
    expect(made.header).toEqual(protectedHeader);
    expect(payload).toEqual(made.payload);
    expect(payload).toMatchObject({ response_type: 'code', client_id: 'c1', state: 's', iat: 1_796_032_800, nbf: 1_796_032_800, exp: 1_796_033_100, jti: expect.any(String) });
    const again = await createRequestObject({ params: [], clientId: 'c1', audience: 'a', signingKey: await key('ES256'), now });
    expect(again.header).toEqual({ alg: 'ES256', typ: 'oauth-authz-req+jwt' });
    expect(again.payload.jti).not.toBe(payload.jti);
  });

  it('the user\'s parameters win over the registered claims (a wrong aud on purpose)', async () => {
    const made = await createRequestObject({ params: [['aud', 'https://wrong.example']], clientId: 'c1', audience: 'https://idp.example', signingKey: await key('ES256'), now });
    expect(made.payload.aud).toBe('https://wrong.example');
  });

  it('a parameter given twice becomes an array; max_age a number; claims an object (OIDC Core 6.1); anything else a string', () => {
    expect(
      paramsAsClaims([
        ['resource', 'urn:a'],
        ['resource', 'urn:b'],
        ['max_age', '300'],
        ['claims', '{"id_token":{"acr":{"essential":true}}}'],
        ['prompt', 'login'],
        ['login_hint', '{not json'],
        ['max_age_x', '5'],
      ]),
    ).toEqual({ resource: ['urn:a', 'urn:b'], max_age: 300, claims: { id_token: { acr: { essential: true } } }, prompt: 'login', login_hint: '{not json', max_age_x: '5' });
    expect(paramsAsClaims([['claims', '[1]'], ['max_age', 'soon']])).toEqual({ claims: '[1]', max_age: 'soon' });
  });
});
