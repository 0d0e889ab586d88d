// The one place that decides whether a redirect URL may end a flow. Every source (loopback listener,
// deep link, embedded window, pasted URL) goes through `route`; the flow is found by `state` only,
// and a state is spent the moment a redirect is accepted, so a replayed or forged redirect can
// never reach the token endpoint.
import type { RedirectSource } from '../../shared/flow-types';
import { parseRedirect, sameCallbackTarget, type ParsedRedirect } from '../../shared/redirect';

export type RouteDecision =
  | { ok: true; flowId: string; redirect: ParsedRedirect }
  /** `suspicious`: worth a notice to the user (unknown, replayed or misdirected state), not mere noise. */
  | { ok: false; reason: string; suspicious: boolean };

interface PendingFlow {
  flowId: string;
  redirectUri: string;
}

/** How many spent states are remembered to explain a replay; older ones are just "unknown". */
const SPENT_STATES_KEPT = 1_000;

export class RedirectRouter {
  private readonly pending = new Map<string, PendingFlow>();
  /** state → why it can no longer be used. */
  private readonly spent = new Map<string, string>();

  hasPending(state: string): boolean {
    return this.pending.has(state);
  }

  register(flowId: string, state: string, redirectUri: string): void {
    if (this.pending.has(state)) throw new Error(`State already registered for flow ${this.pending.get(state)?.flowId}`);
    this.spent.delete(state);
    this.pending.set(state, { flowId, redirectUri });
  }

  /** The flow ended without an accepted redirect (cancelled, expired, launch failed): its state dies with it. */
  retire(flowId: string, why: string): void {
    for (const [state, flow] of this.pending) {
      if (flow.flowId === flowId) {
        this.pending.delete(state);
        this.remember(state, why);
      }
    }
  }

  route(url: string): RouteDecision {
    let redirect: ParsedRedirect;
    try {
      redirect = parseRedirect(url);
    } catch {
      return { ok: false, reason: 'This is not a valid absolute URL.', suspicious: false };
    }
    if (redirect.source === 'none') {
      return { ok: false, reason: 'This URL carries neither a code nor an error, so it is not the redirect that ends a sign-in.', suspicious: false };
    }
    const state = redirect.state;
    if (state === undefined || state === '') {
      return { ok: false, reason: 'This redirect carries no state, so it cannot be matched to a flow. It was refused and no token request was made.', suspicious: true };
    }
    const flow = this.pending.get(state);
    if (!flow) {
      const why = this.spent.get(state);
      return {
        ok: false,
        reason: why
          ? `The flow with state ${shorten(state)} ${why}. This redirect (a replay or duplicate) was refused and no token request was made.`
          : `No flow is waiting for state ${shorten(state)}. The redirect was refused and no token request was made (it may be forged, or from an earlier session).`,
        suspicious: true,
      };
    }
    if (!sameCallbackTarget(url, flow.redirectUri)) {
      return {
        ok: false,
        reason: `This redirect went to ${targetOf(url)}, but the flow with state ${shorten(state)} expects ${targetOf(flow.redirectUri)}. It was refused and no token request was made.`,
        suspicious: true,
      };
    }
    this.pending.delete(state);
    this.remember(state, 'already received its redirect');
    return { ok: true, flowId: flow.flowId, redirect };
  }

  private remember(state: string, why: string): void {
    this.spent.set(state, why);
    if (this.spent.size > SPENT_STATES_KEPT) {
      const oldest = this.spent.keys().next().value;
      if (oldest !== undefined) this.spent.delete(oldest);
    }
  }
}

function shorten(state: string): string {
  return JSON.stringify(state.length > 16 ? `${state.slice(0, 12)}…` : state);
}

function targetOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

/** Where a redirect came from, in words for notices. */
export function sourceLabel(source: RedirectSource): string {
  return { loopback: 'loopback listener', 'deep-link': 'deep link', embedded: 'embedded window', manual: 'pasted URL' }[source];
}
