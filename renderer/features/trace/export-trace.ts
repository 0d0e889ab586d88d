// "Export trace": the flow snapshot as a JSON file, downloaded through a blob link. Codes, the
// verifier and tokens are masked as in the trace panel unless the user chose "Include secrets" for this
// export; the client secret is never in a snapshot, so it is in no export either way.
import type { FlowSnapshot } from '../../../shared/flow-types';
import { maskedSnapshot } from './mask-snapshot';

export function traceFileName(flow: FlowSnapshot): string {
  const stamp = flow.startedAt.replace(/[:.]/g, '-');
  const name = flow.tokenName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow';
  return `pkce-trace-${name}-${stamp}.json`;
}

/** The file's text: the snapshot, masked unless secrets are included. */
export function traceJson(flow: FlowSnapshot, includeSecrets: boolean): string {
  return JSON.stringify(includeSecrets ? flow : maskedSnapshot(flow), null, 2);
}

export function downloadTrace(flow: FlowSnapshot, includeSecrets: boolean): void {
  const blob = new Blob([traceJson(flow, includeSecrets)], { type: 'application/json' });
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
