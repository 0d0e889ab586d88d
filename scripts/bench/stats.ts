// The bench's statistics: medians and 95th percentiles of timings, and how a figure compares with
// its goal. Pure functions, unit-tested (stats.test.ts).

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** The q-quantile (0..1) by linear interpolation between closest ranks (R-7, as numpy and Excel). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('No samples to summarize.');
  if (!(q >= 0 && q <= 1)) throw new Error(`A quantile is between 0 and 1, got ${q}.`);
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, median: quantile(samples, 0.5), p95: quantile(samples, 0.95), min: Math.min(...samples), max: Math.max(...samples) };
}

/** A figure against its goal (at most `limit`), as printed and as written to bench-results.json. */
export interface GoalCheck {
  goal: string;
  value: number;
  limit: number;
  unit: string;
  met: boolean;
  /** How the value came about, e.g. the two medians of a ratio. */
  detail?: string;
}

export function checkAtMost(goal: string, value: number, limit: number, unit: string, detail?: string): GoalCheck {
  return { goal, value: round(value), limit, unit, met: value <= limit, ...(detail ? { detail } : {}) };
}

export function formatGoal(check: GoalCheck): string {
  const detail = check.detail ? ` (${check.detail})` : '';
  return `${check.goal}: ${round(check.value)}${check.unit}${detail}, goal ≤ ${check.limit}${check.unit}: ${check.met ? 'met' : 'NOT met'}`;
}

/** Ratio of two medians, the figure goals 2 and 3 are stated in. */
export function ratio(numerator: number, denominator: number): number {
  if (!(denominator > 0)) throw new Error(`Cannot divide by a median of ${denominator}.`);
  return numerator / denominator;
}

/** Two decimals at most: timings in ms and ratios read well so, and JSON stays small. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
