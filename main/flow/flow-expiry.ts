// A flow's time limit: it waits so long for its redirect and, paused at "Ready to exchange", so long
// again from the redirect for Exchange. A paused flow holds the client secret in memory: it must not
// wait forever, and the IdP's code will not either (RFC 6749 4.1.2).
import type { FlowError } from '../../shared/errors';
import type { FlowStatus } from '../../shared/flow-types';
import type { FlowRecord } from './flow-record';

/** (Re)starts the flow's clock at `from`; `expire` runs when it runs out. */
export function armExpiry(record: FlowRecord, from: Date, ttlMs: number, expire: () => void): void {
  clearTimeout(record.expiryTimer);
  record.snapshot.expiresAt = new Date(from.getTime() + ttlMs).toISOString();
  record.expiryTimer = setTimeout(expire, ttlMs);
  record.expiryTimer.unref();
}

/** Why a flow in `status` is given up when its clock runs out; undefined when that status has no limit. */
export function expiryError(status: FlowStatus, ttlMs: number): FlowError | undefined {
  const limit = describeLimit(ttlMs);
  if (status === 'awaiting-redirect') {
    return { kind: 'expired', message: `No redirect arrived within ${limit}, so the flow was given up. Start a new flow; a redirect for this one will now be refused.` };
  }
  if (status === 'ready-to-exchange') {
    return {
      kind: 'expired',
      message: `Exchange was not pressed within ${limit} of the redirect, so the flow was given up and the client secret it held is forgotten. The IdP has most likely expired the code by now too (RFC 6749 4.1.2 recommends 10 minutes at most). Start a new flow.`,
    };
  }
  return undefined;
}

/** "10 min", or seconds below a minute (tests). */
export function describeLimit(ttlMs: number): string {
  return ttlMs >= 60_000 ? `${Math.round(ttlMs / 60_000)} min` : `${Math.round(ttlMs / 1000)} s`;
}
