import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore, createMemorySecretStore, DEFAULT_KEYCHAIN_SERVICE, type KeytarLike } from './secret-store';
import { apiRejection } from './test-support/api-rejection';

const SECRET = 'canary-secret-7f3a9c';

function fakeKeytar(): KeytarLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getPassword: async (s, a) => items.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => {
      items.set(`${s}/${a}`, p);
    },
    deletePassword: async (s, a) => items.delete(`${s}/${a}`),
  };
}


describe('keytar secret store', () => {
  it('keeps one account per profile under one service name', async () => {
    const keytar = fakeKeytar();
    const store = createKeytarSecretStore({ loadKeytar: async () => keytar });
    await store.set('p1', SECRET);
    await store.set('p2', 'other');
    expect([...keytar.items.keys()].sort()).toEqual([`${DEFAULT_KEYCHAIN_SERVICE}/p1`, `${DEFAULT_KEYCHAIN_SERVICE}/p2`]);
    expect(await store.get('p1')).toBe(SECRET);
    expect(await store.has('p2')).toBe(true);
    await store.delete('p2');
    await store.delete('p2'); // deleting what is not there is fine
    expect(await store.has('p2')).toBe(false);
    expect(await store.status()).toEqual({ available: true });
  });

  it('loads keytar lazily, once', async () => {
    let loads = 0;
    const store = createKeytarSecretStore({ loadKeytar: async () => (loads++, fakeKeytar()) });
    expect(loads).toBe(0);
    await store.has('a');
    await store.has('b');
    expect(loads).toBe(1);
  });

  it('turns a native module that cannot load into keychain_unavailable with a fix, and retries later', async () => {
    let attempt = 0;
    const store = createKeytarSecretStore({
      loadKeytar: async () => {
        attempt += 1;
        if (attempt === 1) throw new Error('libsecret-1.so.0: cannot open shared object file');
        return fakeKeytar();
      },
    });
    const err = await apiRejection(store.set('p', SECRET));
    expect(err.code).toBe('keychain_unavailable');
    expect(err.message).toContain('libsecret-1.so.0');
    expect(err.message).not.toContain(SECRET);
    await store.set('p', SECRET);
    expect(await store.get('p')).toBe(SECRET);
  });

  it('reports every keychain failure with the cause and how to fix it, never the secret', async () => {
    const broken: KeytarLike = {
      getPassword: async () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
      // Even a library that echoed the secret in its error must not leak it.
      setPassword: async (_s, _a, p) => {
        throw new Error(`write failed for ${p}`);
      },
      deletePassword: async () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
    };
    const store = createKeytarSecretStore({ loadKeytar: async () => broken });
    const status = await store.status();
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/D-Bus/);
    for (const op of [store.get('p'), store.has('p'), store.delete('p'), store.set('p', SECRET)]) {
      const err = await apiRejection(op);
      expect(err.code).toBe('keychain_unavailable');
      expect(err.message).not.toContain(SECRET);
    }
    const setErr = await apiRejection(store.set('p', SECRET));
    expect(setErr.message).toContain('write failed for [redacted]');
  });

  it('refuses, up front, a secret too long for Windows Credential Manager', async () => {
    const keytar = fakeKeytar();
    const windows = createKeytarSecretStore({ loadKeytar: async () => keytar, platform: 'win32' });
    await windows.set('fits', 'é'.repeat(1_280)); // 2560 bytes in UTF-8
    const err = await apiRejection(windows.set('too-long', 'é'.repeat(1_281)));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/2560 bytes/);
    expect(await windows.has('too-long')).toBe(false);
    // Other keychains take it.
    await createKeytarSecretStore({ loadKeytar: async () => keytar, platform: 'linux' }).set('long', 'é'.repeat(2_000));
  });
});

describe('memory secret store', () => {
  it('sets, replaces, reads and deletes', async () => {
    const store = createMemorySecretStore();
    await store.set('p', 'one');
    await store.set('p', 'two');
    expect(await store.get('p')).toBe('two');
    await store.delete('p');
    expect(await store.get('p')).toBeNull();
    expect(await store.has('p')).toBe(false);
  });
});
