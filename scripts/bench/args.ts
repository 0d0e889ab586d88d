// `npm run bench -- [--flows N] [--profiles N] [--page-loads N] [--out FILE] [--no-browser]`.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Complete flows per client (app and oauth4webapi), alternating. */
  flows: number;
  /** Saved profiles for the listing figure (goal 4). */
  profiles: number;
  /** Page loads per page (the app and the static floor), alternating. */
  pageLoads: number;
  out: string;
  /** Skip the Chromium figures (goals 1–2 page timings), e.g. where no Chromium is installed. */
  browser: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench -- [options]
  --flows <n>       complete flows per client, alternating app / oauth4webapi (default 30)
  --profiles <n>    saved profiles for the listing figure (default 1000)
  --page-loads <n>  page loads of the app and of the static floor, alternating (default: --flows, at most 30)
  --out <file>      where to write the results (default bench-results.json)
  --no-browser      skip the Chromium page timings`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions | { help: true } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      flows: { type: 'string' },
      profiles: { type: 'string' },
      'page-loads': { type: 'string' },
      out: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  const flows = count('--flows', values.flows, 30);
  return {
    flows,
    profiles: count('--profiles', values.profiles, 1000),
    pageLoads: count('--page-loads', values['page-loads'], Math.min(flows, 30)),
    out: values.out ?? 'bench-results.json',
    browser: !values['no-browser'],
  };
}

function count(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) throw new Error(`${flag} must be a whole number of at least 1, got "${text}".`);
  return value;
}
