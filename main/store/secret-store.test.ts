import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore, createMemorySecretStore, DEFAULT_KEYCHAIN_SERVICE, WINDOWS_SECRET_MAX_BYTES, type KeytarLike } from './secret-store';
import { encodeStoredSecret } from './stored-secret';
import { apiRejection } from './test-support/api-rejection';

const SECRET = 'canary-secret-7f3a9c';
const IDP = ['https://idp.example'];
const bound = (secret: string) => ({ secret, origins: IDP });

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
    await store.set('p1', bound(SECRET));
    await store.set('p2', bound('other'));
    expect([...keytar.items.keys()].sort()).toEqual([`${DEFAULT_KEYCHAIN_SERVICE}/p1`, `${DEFAULT_KEYCHAIN_SERVICE}/p2`]);
    expect(await store.get('p1')).toEqual({ secret: SECRET, origins: IDP });
    expect(await store.has('p2')).toBe(true);
    await store.delete('p2');
    await store.delete('p2'); // deleting what is not there is fine
    expect(await store.has('p2')).toBe(false);
    expect(await store.status()).toEqual({ available: true });
  });

  it('keeps the secret and the origins it is bound to in one keychain item, and reads a bare one from before as unbound', async () => {
    const keytar = fakeKeytar();
    const store = createKeytarSecretStore({ loadKeytar: async () => keytar });
    await store.set('p1', { secret: SECRET, origins: ['https://idp.example', 'https://other.example:8443'] });
    const item = keytar.items.get(`${DEFAULT_KEYCHAIN_SERVICE}/p1`)!;
    expect(JSON.parse(item)).toEqual({ pkceInspectorSecret: 1, secret: SECRET, origins: ['https://idp.example', 'https://other.example:8443'] });
    // An item stored by an earlier version holds the bare secret, even one that looks like JSON.
    for (const legacy of [SECRET, '{"secret":"x"}', '{"pkceInspectorSecret":1,"broken']) {
      keytar.items.set(`${DEFAULT_KEYCHAIN_SERVICE}/old`, legacy);
      expect(await store.get('old')).toEqual({ secret: legacy, origins: null });
    }
  });

  it('says which profiles have a secret with one listing of the service, its other accounts and the values left out', async () => {
    const keytar = fakeKeytar();
    const calls = { find: 0, get: 0 };
    const counted: KeytarLike = {
      ...keytar,
      getPassword: (s, a) => (calls.get++, keytar.getPassword(s, a)),
      findCredentials: async (s) => (calls.find++, [...keytar.items].filter(([key]) => key.startsWith(`${s}/`)).map(([key, password]) => ({ account: key.slice(s.length + 1), password }))),
    };
    const store = createKeytarSecretStore({ loadKeytar: async () => counted });
    await store.set('p1', bound(SECRET));
    await store.set('p3', bound('other'));
    keytar.items.set(`${DEFAULT_KEYCHAIN_SERVICE}/p2:signing-key`, 'a key, not a secret');
    keytar.items.set(`another service/p2`, 'not ours');
    const found = await store.withSecret(['p1', 'p2', 'p4', 'p3']);
    expect([...found].sort()).toEqual(['p1', 'p3']);
    expect(calls).toEqual({ find: 1, get: 0 });
  });

  it('asks one profile at a time where the keychain module cannot list, and fails as keychain_unavailable', async () => {
    const keytar = fakeKeytar();
    const store = createKeytarSecretStore({ loadKeytar: async () => keytar });
    await store.set('p1', bound(SECRET));
    expect([...(await store.withSecret(['p1', 'p2']))]).toEqual(['p1']);
    const broken = createKeytarSecretStore({ loadKeytar: async () => ({ ...keytar, findCredentials: async () => Promise.reject(new Error('locked collection')) }) });
    await expect(broken.withSecret(['p1'])).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringMatching(/locked collection/) });
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
    const err = await apiRejection(store.set('p', bound(SECRET)));
    expect(err.code).toBe('keychain_unavailable');
    expect(err.message).toContain('libsecret-1.so.0');
    expect(err.message).not.toContain(SECRET);
    await store.set('p', bound(SECRET));
    expect(await store.get('p')).toEqual(bound(SECRET));
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
    for (const op of [store.get('p'), store.has('p'), store.delete('p'), store.set('p', bound(SECRET))]) {
      const err = await apiRejection(op);
      expect(err.code).toBe('keychain_unavailable');
      expect(err.message).not.toContain(SECRET);
    }
    const setErr = await apiRejection(store.set('p', bound(SECRET)));
    expect(setErr.message).toContain('write failed for [redacted]');
    // A secret that JSON escapes is redacted in its stored (escaped) form too.
    const quoted = 'q"uo\\te\u0001d-secret';
    const quotedErr = await apiRejection(store.set('p', bound(quoted)));
    expect(quotedErr.message).toContain('write failed for [redacted]');
    expect(quotedErr.message).not.toContain('d-secret');
  });

  it('refuses, up front, a secret too long for Windows Credential Manager', async () => {
    const keytar = fakeKeytar();
    const windows = createKeytarSecretStore({ loadKeytar: async () => keytar, platform: 'win32' });
    // The limit counts the whole keychain item: the secret with its binding.
    const overhead = new TextEncoder().encode(encodeStoredSecret(bound(''))).length;
    const fits = 'é'.repeat((WINDOWS_SECRET_MAX_BYTES - overhead) / 2); // 2 bytes each in UTF-8
    await windows.set('fits', bound(fits));
    const err = await apiRejection(windows.set('too-long', bound(`${fits}é`)));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/2560 bytes/);
    expect(await windows.has('too-long')).toBe(false);
    // Other keychains take it.
    await createKeytarSecretStore({ loadKeytar: async () => keytar, platform: 'linux' }).set('long', bound('é'.repeat(2_000)));
  });
});

describe('memory secret store', () => {
  it('sets, replaces, reads and deletes', async () => {
    const store = createMemorySecretStore();
    await store.set('p', bound('one'));
    await store.set('p', { secret: 'two', origins: [] });
    expect(await store.get('p')).toEqual({ secret: 'two', origins: [] });
    await store.delete('p');
    expect(await store.get('p')).toBeNull();
    expect(await store.has('p')).toBe(false);
  });
});
