import { describe, expect, it, vi } from 'vitest';
import type { KeychainStatus } from '../../shared/contract';
import { withCachedKeychainStatus } from './keychain-status-cache';
import { createMemorySecretStore } from './secret-store';

function deferredStatus() {
  let resolve: (status: KeychainStatus) => void = () => {};
  const promise = new Promise<KeychainStatus>((r) => (resolve = r));
  return { promise, resolve };
}

describe('withCachedKeychainStatus', () => {
  it('probes once at creation, and the first ask waits for that probe rather than starting another', async () => {
    const inner = createMemorySecretStore();
    const first = deferredStatus();
    const status = vi.spyOn(inner, 'status').mockReturnValueOnce(first.promise);
    const store = withCachedKeychainStatus(inner);
    expect(status).toHaveBeenCalledTimes(1);
    const asked = store.status();
    expect(status).toHaveBeenCalledTimes(1);
    first.resolve({ available: false, reason: 'No Secret Service.' });
    await expect(asked).resolves.toEqual({ available: false, reason: 'No Secret Service.' });
  });

  it('answers later asks with the last status at once, and a fresh probe behind it updates the next answer', async () => {
    const inner = createMemorySecretStore();
    const slow = deferredStatus();
    const status = vi
      .spyOn(inner, 'status')
      .mockResolvedValueOnce({ available: false, reason: 'locked' })
      .mockReturnValueOnce(slow.promise);
    const store = withCachedKeychainStatus(inner);
    await expect(store.status()).resolves.toEqual({ available: false, reason: 'locked' });
    // The refresh never answers yet: the ask does not wait for it.
    await expect(store.status()).resolves.toEqual({ available: false, reason: 'locked' });
    expect(status).toHaveBeenCalledTimes(2);
    slow.resolve({ available: true });
    await slow.promise;
    await expect(store.status()).resolves.toEqual({ available: true });
  });

  it('passes the secret operations through to the store', async () => {
    const store = withCachedKeychainStatus(createMemorySecretStore());
    await store.set('p1', { secret: 's3cret', origins: ['https://idp.example'] });
    expect(await store.has('p1')).toBe(true);
    expect(await store.get('p1')).toEqual({ secret: 's3cret', origins: ['https://idp.example'] });
    await store.delete('p1');
    expect(await store.has('p1')).toBe(false);
  });
});
