// "Export trace": the flow snapshot as a JSON file, downloaded through a blob link. The snapshot never
// holds the client secret; codes and tokens are the user's own and exported as they are.
import type { FlowSnapshot } from '../../../shared/flow-types';

export function traceFileName(flow: FlowSnapshot): string {
  const stamp = flow.startedAt.replace(/[:.]/g, '-');
  const name = flow.tokenName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow';
  return `pkce-trace-${name}-${stamp}.json`;
}

export function downloadTrace(flow: FlowSnapshot): void {
  const blob = new Blob([JSON.stringify(flow, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = traceFileName(flow);
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
