// The set-up most component tests share: before each test a fresh fake API is installed and the
// stores start from the app's initial state; after it the fake is removed.
import { afterEach, beforeEach } from 'vitest';
import { setApiForTests } from '../api';
import { appInfo, createFakeApi, type FakeApi } from './fake-api';
import { resetStores } from './reset-stores';

/**
 * The fake API of the current test. One object for the whole file, so a test file can hold it in a
 * const; its methods (and its listeners) are replaced with fresh mocks before each test.
 */
export function fakeApiPerTest(): FakeApi {
  const api = {} as FakeApi;
  beforeEach(() => {
    Object.assign(api, createFakeApi());
    setApiForTests(api);
    resetStores(appInfo());
  });
  afterEach(() => setApiForTests(null));
  return api;
}
