import { describe, expect, it } from 'vitest';
import type { KeytarLike } from '../store/keytar-access';
import { createKeytarKeyStore, createMemoryKeyStore, KEY_CHUNK_CHARS } from './key-store';

function fakeKeytar() {
  const items = new Map<string, string>();
  const keytar: KeytarLike = {
    getPassword: async (s, a) => items.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => {
      items.set(`${s}/${a}`, p);
    },
    deletePassword: async (s, a) => items.delete(`${s}/${a}`),
  };
  return { items, keytar };
}

describe('key store', () => {
  it('keeps long material in items Windows can hold, and reads it back whole', async () => {
    const { items, keytar } = fakeKeytar();
    const store = createKeytarKeyStore({ service: 'svc', loadKeytar: async () => keytar });
    const long = 'A'.repeat(KEY_CHUNK_CHARS * 2 + 17);
    await store.set('p1', 'client-certificate', long);
    expect(items.size).toBe(3);
    for (const value of items.values()) expect(new TextEncoder().encode(value).length).toBeLessThanOrEqual(2_560);
    expect(await store.get('p1', 'client-certificate')).toBe(long);
    expect(await store.get('p1', 'signing-key')).toBeNull();
  });

  it('replaces a longer item by a shorter one without leaving parts behind, and deletes every kind', async () => {
    const { items, keytar } = fakeKeytar();
    const store = createKeytarKeyStore({ service: 'svc', loadKeytar: async () => keytar });
    await store.set('p1', 'signing-key', 'B'.repeat(KEY_CHUNK_CHARS * 3));
    await store.set('p1', 'signing-key', 'short');
    expect([...items.keys()]).toEqual(['svc/p1#signing-key']);
    expect(await store.get('p1', 'signing-key')).toBe('short');
    await store.set('p1', 'dpop-key', 'd');
    await store.set('p2', 'dpop-key', 'other');
    await store.deleteAll('p1');
    expect([...items.keys()]).toEqual(['svc/p2#dpop-key']);
  });

  it('reads a torn multi-part item as no key', async () => {
    const { items, keytar } = fakeKeytar();
    const store = createKeytarKeyStore({ service: 'svc', loadKeytar: async () => keytar });
    await store.set('p1', 'dpop-key', 'C'.repeat(KEY_CHUNK_CHARS + 1));
    items.delete('svc/p1#dpop-key#1');
    expect(await store.get('p1', 'dpop-key')).toBeNull();
  });

  it('turns a keychain failure into keychain_unavailable without the material in the message', async () => {
    const store = createKeytarKeyStore({
      loadKeytar: async () => ({
        getPassword: async () => null,
        deletePassword: async () => true,
        setPassword: async (_s, _a, p) => {
          throw new Error(`refused ${p}`);
        },
      }),
    });
    const error = (await store.set('p1', 'signing-key', 'PRIVATE-MATERIAL').then(() => new Error('stored'), (e: unknown) => e)) as Error & { code?: string };
    expect(error).toMatchObject({ code: 'keychain_unavailable' });
    expect(error.message).not.toContain('PRIVATE-MATERIAL');
  });

  it('memory store: same contract', async () => {
    const store = createMemoryKeyStore();
    await store.set('p', 'signing-key', 'x');
    expect(await store.get('p', 'signing-key')).toBe('x');
    await store.deleteAll('p');
    expect(await store.get('p', 'signing-key')).toBeNull();
  });
});
