// "This call must fail with an ApiError": returns the error so a test can look at its code and text.
import { expect } from 'vitest';
import { ApiError } from '../../../shared/errors';

export async function apiRejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected a rejection');
}
