// A Callback URL with a fixed port can have only one listener. A flow still waiting on that port
// when the user presses Get New Access Token again has been abandoned (typically its tab shows an
// IdP error page that never redirects: unknown client, unregistered redirect URI), so it is
// cancelled and its port handed to the new flow, rather than refusing the new flow as "in use".
// A flow already exchanging its code is left to finish. Other programs on the port are not ours.
import type { FlowRecord } from './flow-record';
import { loopbackBindTarget } from './loopback-listener';

/** The flows waiting for a redirect on the fixed port `callbackUrl` names (none for an ephemeral port). */
export function flowsHoldingFixedPort(records: Iterable<FlowRecord>, callbackUrl: string): { port: number; holders: FlowRecord[] } {
  let target: ReturnType<typeof loopbackBindTarget>;
  try {
    target = loopbackBindTarget(callbackUrl);
  } catch {
    return { port: 0, holders: [] }; // startLoopbackListener reports what is wrong with the URL
  }
  if (target.port === 0) return { port: 0, holders: [] };
  const holders = [...records].filter(
    (record) => record.snapshot.status === 'awaiting-redirect' && record.listener?.port === target.port && record.listener.boundAddress === target.address,
  );
  return { port: target.port, holders };
}

export function handoverMessage(newTokenName: string, port: number): string {
  return `Replaced by the new flow "${newTokenName}" on the same Callback URL port (${port}), which only one flow can listen on. A redirect for this flow will now be refused.`;
}
