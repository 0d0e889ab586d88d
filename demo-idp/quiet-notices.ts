// oidc-provider prints development notices that are expected and accurate for a throwaway demo IdP
// (in-memory storage, Node 20 rather than 22 LTS). They would drown test and cli output, so exactly
// these are dropped; every other console message, and every real error, still gets through.
const EXPECTED_NOTICES = [
  /^oidc-provider WARNING: Unsupported runtime\./,
  /^oidc-provider WARNING: a quick start development-only in-memory adapter is used/,
];

/** Runs `action` with the expected oidc-provider notices filtered out of console.warn. */
export async function withoutExpectedNotices<T>(action: () => Promise<T> | T): Promise<T> {
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    // The library colours its notices on a TTY; compare without ANSI codes.
    // eslint-disable-next-line no-control-regex
    const text = typeof args[0] === 'string' ? args[0].replace(/\x1b\[[0-9;]*m/g, '') : '';
    if (EXPECTED_NOTICES.some((notice) => notice.test(text))) return;
    original(...args);
  };
  try {
    return await action();
  } finally {
    console.warn = original;
  }
}
