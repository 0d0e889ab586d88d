// The steps a flow walks through (awaiting redirect → exchanging → done), for the progress line:
// which are done, which one is current, and where a failure happened.
import type { FlowSnapshot, FlowStatus } from '../../../shared/flow-types';

export type StepState = 'done' | 'current' | 'failed' | 'pending';

export interface FlowStep {
  label: string;
  state: StepState;
}

export const STATUS_LABELS: Record<FlowStatus, string> = {
  created: 'Starting',
  'awaiting-redirect': 'Waiting for the sign-in to redirect back',
  'ready-to-exchange': 'Ready to exchange',
  exchanging: 'Exchanging the code for tokens',
  done: 'Done: tokens received',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired: no redirect arrived in time',
};

const LABELS = ['Awaiting redirect', 'Exchanging code', 'Done'];

export function flowSteps(flow: Pick<FlowSnapshot, 'status' | 'trace'>): FlowStep[] {
  if (flow.status === 'done') return LABELS.map((label) => ({ label, state: 'done' }));
  // How far it got: past the redirect once one came back without an error (or the exchange began). A
  // redirect carrying `error` (access_denied, invalid_request …) failed at the authorization step.
  const reached = flow.status === 'ready-to-exchange' || flow.status === 'exchanging' || flow.trace.some((t) => (t.kind === 'redirect' && t.params.error === undefined) || t.kind === 'token_request') ? 1 : 0;
  const ended = flow.status === 'failed' || flow.status === 'cancelled' || flow.status === 'expired';
  return LABELS.map((label, i) => ({
    label,
    state: i < reached ? 'done' : i === reached ? (ended ? 'failed' : 'current') : 'pending',
  }));
}
