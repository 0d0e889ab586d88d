import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, createLocalJWKSet, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { SIGNING_ALGS } from '../../shared/signing-key';
import { createMemoryKeyStore } from './key-store';
import { deserializeSigningKey, generateSigningKey, importSigningKey, loadSigningKey, serializeSigningKey, SigningKeyError, summarize } from './signing-key';

const now = new Date('2026-11-30T10:00:00Z');
const ec = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve }).privateKey;
const rsa = (modulusLength = 2048) => generateKeyPairSync('rsa', { modulusLength }).privateKey;
const pkcs8 = (key: ReturnType<typeof ec>) => key.export({ format: 'pem', type: 'pkcs8' }) as string;
const imported = (privateKey: string, alg = '', kid = '') => importSigningKey({ privateKey, alg, kid }, ['https://idp.example'], now);

/** Signs with the stored key and verifies with the public JWK Set the user would register. */
async function signsForItsJwks(stored: Awaited<ReturnType<typeof imported>>) {
  const summary = await summarize(stored);
  const material = (await loadBack(stored))!;
  const jwt = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: material.alg, kid: material.kid! }).sign(material.privateKey);
  const verified = await compactVerify(jwt, createLocalJWKSet({ keys: [summary.publicJwk as never] }));
  return { summary, verified };
}

async function loadBack(stored: Awaited<ReturnType<typeof imported>>) {
  const store = createMemoryKeyStore();
  await store.set('p1', 'signing-key', serializeSigningKey(stored));
  return loadSigningKey(store, 'p1');
}

describe('pasted signing keys', () => {
  it('reads PKCS#8 PEM, PKCS#1 "RSA PRIVATE KEY" and SEC1 "EC PRIVATE KEY", inferring the algorithm', async () => {
    expect((await imported(pkcs8(ec('prime256v1')))).alg).toBe('ES256');
    expect((await imported(pkcs8(ec('secp384r1')))).alg).toBe('ES384');
    const pkcs1 = rsa().export({ format: 'pem', type: 'pkcs1' }) as string;
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect((await imported(pkcs1)).alg).toBe('RS256');
    const sec1 = ec('prime256v1').export({ format: 'pem', type: 'sec1' }) as string;
    expect(sec1).toContain('BEGIN EC PRIVATE KEY');
    const { summary, verified } = await signsForItsJwks(await imported(`\n  ${sec1}\n`, 'ES256', 'my-key'));
    expect(summary).toMatchObject({ alg: 'ES256', kid: 'my-key', keyType: 'EC P-256', source: 'imported', boundOrigins: ['https://idp.example'] });
    expect(verified.protectedHeader.kid).toBe('my-key');
  });

  it('reads a private JWK (or a JWK Set of one), keeping its kid and alg', async () => {
    const jwk = { ...(rsa().export({ format: 'jwk' }) as object), kid: 'rsa-1', alg: 'PS256' };
    const stored = await imported(JSON.stringify(jwk));
    expect(stored).toMatchObject({ alg: 'PS256', kid: 'rsa-1' });
    const { summary } = await signsForItsJwks(stored);
    expect(summary.publicJwk).toMatchObject({ kty: 'RSA', kid: 'rsa-1', alg: 'PS256', use: 'sig' });
    expect(summary.publicJwk).not.toHaveProperty('d');
    expect((await imported(JSON.stringify({ keys: [jwk] }), '', 'other')).kid).toBe('other');
  });

  it('takes the RFC 7638 thumbprint as kid when none is given', async () => {
    const stored = await imported(pkcs8(ec('prime256v1')));
    const summary = await summarize(stored);
    const { kid: _k, alg: _a, use: _u, ...bare } = summary.publicJwk;
    expect(stored.kid).toBe(await calculateJwkThumbprint(bare as never));
    expect(summary.thumbprint).toBe(stored.kid);
  });

  it('refuses an algorithm that does not fit the key, and says which ones do', async () => {
    await expect(imported(pkcs8(rsa()), 'ES256')).rejects.toThrow(/ES256 does not fit this key: it is an RSA 2048 bits key, which signs with RS256, RS384, RS512, PS256, PS384, PS512/);
    await expect(imported(pkcs8(ec('prime256v1')), 'ES384')).rejects.toThrow(/EC P-256 key, which signs with ES256/);
    await expect(imported(pkcs8(generateKeyPairSync('ed25519').privateKey), 'RS256')).rejects.toThrow(/Ed25519 key, which signs with EdDSA, Ed25519/);
    const jwk = { ...(ec('prime256v1').export({ format: 'jwk' }) as object), alg: 'ES256' };
    await expect(imported(JSON.stringify(jwk), 'EdDSA')).rejects.toThrow(/EdDSA does not fit/);
    await expect(imported(JSON.stringify({ ...(rsa().export({ format: 'jwk' }) as object), alg: 'RS256' }), 'PS256')).rejects.toThrow(/The JWK says "alg": "RS256", but PS256 was chosen/);
    await expect(imported(pkcs8(rsa()), 'HS256')).rejects.toThrow(/HS256 is not a JWS algorithm this app signs with/);
  });

  it('refuses public keys, certificates, encrypted, short, symmetric and unreadable keys, never echoing the input', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const cases: [string, RegExp][] = [
      [publicKey.export({ format: 'pem', type: 'spki' }) as string, /public key, not a private key/],
      ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', /certificate, not a private key/],
      [privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string, /encrypted with a passphrase/],
      [JSON.stringify(publicKey.export({ format: 'jwk' })), /no "d": it is a public key/],
      [JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }), /symmetric key .* client_secret_jwt/],
      ['-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----', /cannot read this PEM private key/],
      ['{"kty": "EC", "d": "AAAA"', /not valid JSON/],
      ['just some text', /neither PEM nor JSON/],
      [pkcs8(ec('secp256k1')), /curve secp256k1/],
    ];
    for (const [text, message] of cases) {
      const failure = await imported(text).then(
        () => null,
        (err: unknown) => err,
      );
      expect(failure, text.slice(0, 40)).toBeInstanceOf(SigningKeyError);
      expect((failure as Error).message).toMatch(message);
      if (text.length > 40) expect((failure as Error).message).not.toContain(text.slice(30, 60));
    }
    const short = rsa(1024).export({ format: 'pem', type: 'pkcs8' }) as string;
    await expect(imported(short)).rejects.toThrow(/1024 bits; JWS needs at least 2048/);
  });
});

describe('generated signing keys', () => {
  it.each(SIGNING_ALGS)('%s: a key of the right type that signs and verifies with its JWK Set', async (alg) => {
    const stored = await generateSigningKey(alg, '', [], now);
    const { summary, verified } = await signsForItsJwks(stored);
    expect(summary.alg).toBe(alg);
    expect(summary.source).toBe('generated');
    expect(verified.protectedHeader.alg).toBe(alg);
  });

  it('round-trips through the keychain text, and reads foreign text as no key', async () => {
    const stored = await generateSigningKey('ES256', 'k', ['https://a.example'], now);
    expect(deserializeSigningKey(serializeSigningKey(stored))).toEqual(stored);
    expect(deserializeSigningKey('not json')).toBeNull();
    expect(deserializeSigningKey(JSON.stringify({ v: 2 }))).toBeNull();
    const material = await loadBack(stored);
    expect(material).toMatchObject({ alg: 'ES256', kid: 'k', boundOrigins: ['https://a.example'] });
    expect(await loadSigningKey(createMemoryKeyStore(), 'nobody')).toBeNull();
  });
});
