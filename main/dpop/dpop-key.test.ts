// The profile's DPoP key: made on first use, kept in the key store as a private JWK, the same key on
// every later read, replaced when the algorithm changes or on rotation; unsaved profiles get one key
// per app session in memory. Only public parts are in what the form gets.
import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore, type KeyStore } from '../keys/key-store';
import { loadDpopKey, peekDpopKey, rotateDpopKey } from './dpop-key';
import { resolveClientKeys } from '../keys/resolve-client-keys';
import { defaultFlowSettings } from '../../shared/settings';

const stored = async (store: KeyStore, profileId: string) => JSON.parse((await store.get(profileId, 'dpop-key'))!) as { alg: string; jwk: Record<string, string> };

describe('DPoP keys', () => {
  it('made on first use, kept as a private JWK, and the same key afterwards', async () => {
    const store = createMemoryKeyStore();
    expect(await peekDpopKey(store, 'p1')).toBeNull();
    const first = await loadDpopKey(store, 'p1', 'ES256');
    expect(first.created).toBe(true);
    expect(first.info).toMatchObject({ alg: 'ES256', ephemeral: false, publicJwk: { kty: 'EC', crv: 'P-256' } });
    expect(first.info.publicJwk.d).toBeUndefined();
    expect(first.info.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const kept = await stored(store, 'p1');
    expect(kept).toMatchObject({ alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', d: expect.any(String) } });

    const again = await loadDpopKey(store, 'p1', 'ES256');
    expect(again.created).toBe(false);
    expect(again.info.thumbprint).toBe(first.info.thumbprint);
    expect(again.key.privateKey.export({ format: 'jwk' }).d).toBe(kept.jwk.d);
    // Other profiles have their own.
    expect((await loadDpopKey(store, 'p2', 'ES256')).info.thumbprint).not.toBe(first.info.thumbprint);
  });

  it('another algorithm replaces the key; rotation makes a new one of the same algorithm', async () => {
    const store = createMemoryKeyStore();
    const es = await loadDpopKey(store, 'p1', 'ES256');
    const ed = await loadDpopKey(store, 'p1', 'Ed25519');
    expect(ed).toMatchObject({ created: true, replacedAlg: 'ES256', info: { alg: 'Ed25519', publicJwk: { kty: 'OKP', crv: 'Ed25519' } } });
    expect(ed.info.thumbprint).not.toBe(es.info.thumbprint);
    const rotated = await rotateDpopKey(store, 'p1', 'Ed25519');
    expect(rotated.info.thumbprint).not.toBe(ed.info.thumbprint);
    expect((await peekDpopKey(store, 'p1'))!.info.thumbprint).toBe(rotated.info.thumbprint);
    for (const alg of ['ES384', 'ES512', 'PS256', 'RS256', 'EdDSA'] as const) expect((await loadDpopKey(store, 'p1', alg)).info.alg).toBe(alg);
  });

  it('an unsaved profile: one in-memory key per store (app session), nothing written', async () => {
    const store = createMemoryKeyStore();
    const a = await loadDpopKey(store, null, 'ES256');
    const b = await loadDpopKey(store, null, 'ES256');
    expect(a.info.ephemeral).toBe(true);
    expect(b.info.thumbprint).toBe(a.info.thumbprint);
    expect((await loadDpopKey(createMemoryKeyStore(), null, 'ES256')).info.thumbprint).not.toBe(a.info.thumbprint);
  });

  it('a keychain item that cannot be read is an error naming the remedy, and nothing is overwritten', async () => {
    const store = createMemoryKeyStore();
    await store.set('p1', 'dpop-key', '{"not":"a key"}');
    await expect(loadDpopKey(store, 'p1', 'ES256')).rejects.toThrow(/Rotate DPoP key/);
    expect(await store.get('p1', 'dpop-key')).toBe('{"not":"a key"}');
  });

  it('resolveClientKeys: a DPoP key only when DPoP is on, with the algorithm from the metadata', async () => {
    const store = createMemoryKeyStore();
    expect(await resolveClientKeys(store, defaultFlowSettings(), 'p1')).toEqual({});
    const metadata = { source: 'x', fetchedAt: 'now', metadata: { issuer: 'https://idp.example', dpop_signing_alg_values_supported: ['PS256', 'ES384'] } };
    const keys = await resolveClientKeys(store, { ...defaultFlowSettings(), dpop: true, metadata }, 'p1');
    expect(keys.dpopKey?.alg).toBe('PS256');
    await expect(resolveClientKeys(store, { ...defaultFlowSettings(), dpop: true, dpopAlg: 'HS256' }, 'p1')).rejects.toMatchObject({ code: 'invalid_settings', fields: [{ field: 'dpopAlg' }] });
  });
});
