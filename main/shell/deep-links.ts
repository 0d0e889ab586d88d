// Deep links arrive three ways: macOS `open-url` (the URL itself), and on Windows/Linux the command
// line of the launch (`process.argv`) or of a second instance (`second-instance` argv). The command
// line also holds the executable, Chromium's own flags and, in dev, the script path: only arguments
// that are URLs of our scheme are links. Pure: no electron import, so it is unit-tested.

/** Longer than any callback an IdP sends; the contract caps pasted redirects the same way. */
const MAX_LINK_LENGTH = 16_000;

/** The link as a normalised URL string if it is one of our scheme, otherwise null. */
export function normaliseDeepLink(raw: string, scheme: string): string | null {
  const candidate = stripQuotes(raw.trim());
  if (candidate.length > MAX_LINK_LENGTH) return null;
  // URL schemes are case-insensitive (RFC 3986 3.1); `new URL` lower-cases them.
  if (!candidate.toLowerCase().startsWith(`${scheme.toLowerCase()}:`)) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === `${scheme.toLowerCase()}:` ? url.href : null;
  } catch {
    return null;
  }
}

/** Every link of our scheme on a command line, in order, without repeats. Flags are skipped. */
export function extractDeepLinks(argv: readonly string[], scheme: string): string[] {
  const links: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const link = normaliseDeepLink(arg, scheme);
    if (link !== null && !links.includes(link)) links.push(link);
  }
  return links;
}

// Windows shells can hand the argument over still wrapped in quotes.
function stripQuotes(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * Holds links that arrive before the app can route them (`open-url` can fire before `ready`), then
 * delivers them in order once a handler is attached.
 */
export class DeepLinkQueue {
  private pending: string[] = [];
  private handler: ((url: string) => void) | null = null;

  push(url: string): void {
    if (this.handler) this.handler(url);
    else this.pending.push(url);
  }

  attach(handler: (url: string) => void): void {
    this.handler = handler;
    const queued = this.pending;
    this.pending = [];
    for (const url of queued) handler(url);
  }

  get size(): number {
    return this.pending.length;
  }
}
