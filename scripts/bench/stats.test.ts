import { describe, expect, it } from 'vitest';
import { BENCH_USAGE, parseBenchArgs } from './args';
import { checkAtMost, formatGoal, median, quantile, ratio, round, summarize } from './stats';

describe('bench statistics', () => {
  it('takes medians of odd and even counts, unsorted input, without reordering it', () => {
    const samples = [9, 1, 5];
    expect(median(samples)).toBe(5);
    expect(samples).toEqual([9, 1, 5]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('interpolates the 95th percentile between closest ranks', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(hundred, 0.95)).toBeCloseTo(95.05, 10);
    expect(quantile([10, 20], 0.95)).toBeCloseTo(19.5, 10);
    expect(quantile([3, 1, 2], 1)).toBe(3);
    expect(quantile([3, 1, 2], 0)).toBe(1);
  });

  it('refuses an empty sample and a quantile outside 0..1', () => {
    expect(() => median([])).toThrow(/No samples/);
    expect(() => quantile([1], 1.5)).toThrow(/between 0 and 1/);
    expect(() => quantile([1], Number.NaN)).toThrow(/between 0 and 1/);
  });

  it('summarizes count, median, p95, min and max', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ n: 5, median: 3, p95: 4.8, min: 1, max: 5 });
  });

  it('checks a figure against its goal, the limit itself counting as met', () => {
    expect(checkAtMost('Goal 3 flow overhead', 1.1, 1.1, '×').met).toBe(true);
    const missed = checkAtMost('Goal 4 listing', 50.004, 50, ' ms', 'p95 61 ms');
    expect(missed.met).toBe(false);
    expect(formatGoal(missed)).toBe('Goal 4 listing: 50 ms (p95 61 ms), goal ≤ 50 ms: NOT met');
    expect(formatGoal(checkAtMost('Goal 1 size', 119.084, 150, ' KB'))).toBe('Goal 1 size: 119.08 KB, goal ≤ 150 KB: met');
  });

  it('divides medians, refusing a zero denominator', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(() => ratio(1, 0)).toThrow(/median of 0/);
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.005, 1)).toBe(1);
  });
});

describe('bench arguments', () => {
  it('defaults to 30 flows, 1,000 profiles, 30 page loads, bench-results.json and the browser', () => {
    expect(parseBenchArgs([])).toEqual({ flows: 30, profiles: 1000, pageLoads: 30, out: 'bench-results.json', browser: true });
  });

  it('reads --flows (page loads follow it unless given), --profiles, --page-loads, --out and --no-browser', () => {
    expect(parseBenchArgs(['--flows', '4'])).toMatchObject({ flows: 4, pageLoads: 4 });
    expect(parseBenchArgs(['--flows=100'])).toMatchObject({ flows: 100, pageLoads: 30 });
    expect(parseBenchArgs(['--flows', '4', '--page-loads', '9', '--profiles', '10', '--out', '/tmp/b.json', '--no-browser'])).toEqual({ flows: 4, pageLoads: 9, profiles: 10, out: '/tmp/b.json', browser: false });
    expect(parseBenchArgs(['--help'])).toEqual({ help: true });
    expect(BENCH_USAGE).toContain('--flows <n>');
  });

  it('refuses counts that are not whole numbers of at least 1, and unknown options', () => {
    for (const bad of ['0', '-3', '2.5', 'ten', '', '1e3']) expect(() => parseBenchArgs([`--flows=${bad}`])).toThrow(`--flows must be a whole number of at least 1, got "${bad}".`);
    expect(() => parseBenchArgs(['--profiles', 'many'])).toThrow(/--profiles must be a whole number/);
    expect(() => parseBenchArgs(['--flow', '3'])).toThrow(/Unknown option/);
    expect(() => parseBenchArgs(['30'])).toThrow();
  });
});
