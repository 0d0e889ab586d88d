import { afterEach, describe, expect, it, vi } from 'vitest';
import { withoutExpectedNotices } from './quiet-notices';

describe('withoutExpectedNotices', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('drops only the expected oidc-provider notices (coloured or not) and lets everything else through', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await withoutExpectedNotices(() => {
      console.warn('oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.');
      console.warn('\x1b[31;1moidc-provider WARNING: a quick start development-only in-memory adapter is used, you MUST change it\x1b[0m');
      console.warn('oidc-provider WARNING: quick start development-only signing keys are used');
      console.warn('something else', 42);
    });
    expect(warn.mock.calls).toEqual([['oidc-provider WARNING: quick start development-only signing keys are used'], ['something else', 42]]);
  });

  it('restores console.warn after overlapping calls, even when one fails', async () => {
    const before = console.warn;
    let release!: () => void;
    const slow = withoutExpectedNotices(() => new Promise<void>((resolve) => (release = resolve)));
    const failing = withoutExpectedNotices(() => Promise.reject(new Error('boom')));
    await expect(failing).rejects.toThrow('boom');
    expect(console.warn).not.toBe(before); // the slow one is still running
    release();
    await slow;
    expect(console.warn).toBe(before);
  });
});
