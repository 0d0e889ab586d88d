// oidc-provider prints development notices that are expected and accurate for a throwaway demo IdP
// (in-memory storage, Node 20 rather than 22 LTS). They would drown test and cli output, so exactly
// these are dropped; every other console message, and every real error, still gets through.
const EXPECTED_NOTICES = [
  /^oidc-provider WARNING: Unsupported runtime\./,
  /^oidc-provider WARNING: a quick start development-only in-memory adapter is used/,
];

// Counted, so that overlapping calls (several demo IdPs starting at once) restore the real
// console.warn exactly once, after the last of them.
let active = 0;
let original: typeof console.warn | undefined;

/** Runs `action` with the expected oidc-provider notices filtered out of console.warn. */
export async function withoutExpectedNotices<T>(action: () => Promise<T> | T): Promise<T> {
  if (active === 0) {
    const real = console.warn;
    original = real;
    console.warn = (...args: unknown[]) => {
      // The library colours its notices on a TTY; compare without ANSI codes.
      // eslint-disable-next-line no-control-regex
      const text = typeof args[0] === 'string' ? args[0].replace(/\x1b\[[0-9;]*m/g, '') : '';
      if (!EXPECTED_NOTICES.some((notice) => notice.test(text))) real(...args);
    };
  }
  active += 1;
  try {
    return await action();
  } finally {
    active -= 1;
    if (active === 0 && original) {
      console.warn = original;
      original = undefined;
    }
  }
}
