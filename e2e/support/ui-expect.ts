// playwright-core has no test runner and so no auto-retrying `expect`: these wait the same way,
// polling the page until the condition holds or the time is up, then fail with what was seen.
import type { Locator } from 'playwright-core';
import { expect, vi } from 'vitest';

const DEFAULT_TIMEOUT = 10_000;

export async function shows(locator: Locator, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

export async function hasText(locator: Locator, expected: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await vi.waitFor(
    async () => {
      const text = await locator.first().innerText({ timeout: 1_000 });
      if (typeof expected === 'string') expect(text).toContain(expected);
      else expect(text).toMatch(expected);
    },
    { timeout, interval: 100 },
  );
}

export async function hasValue(locator: Locator, expected: string): Promise<void> {
  expect(await locator.inputValue()).toBe(expected);
}

export async function countIs(locator: Locator, expected: number, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await vi.waitFor(async () => expect(await locator.count()).toBe(expected), { timeout, interval: 100 });
}
