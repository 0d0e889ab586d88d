// What the user is told when the app is opened with one of its links that does not end a flow.
// The engine already warns about suspicious callbacks (unknown, replayed or missing state); a link
// that carries no result at all (e.g. someone typed the scheme) is only worth a short note.
import type { Notice } from '../../shared/contract';
import { isUtf8AfterPercentDecoding, parseRedirect } from '../../shared/redirect';

export function deepLinkNotice(url: string, outcome: { accepted: boolean; reason?: string }, at: Date): Notice | null {
  // Refused links that look like callbacks, and malformed ones, are the engine's warning already.
  if (outcome.accepted || !isUtf8AfterPercentDecoding(url)) return null;
  let carriesResult: boolean;
  try {
    carriesResult = parseRedirect(url).source !== 'none';
  } catch {
    carriesResult = false;
  }
  if (carriesResult) return null;
  return { level: 'info', message: `PKCE Inspector was opened with a link that is not a sign-in callback (no code or error in it), so no flow was touched.${outcome.reason ? ` ${outcome.reason}` : ''}`, at: at.toISOString() };
}
