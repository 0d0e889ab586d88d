// The session's tokens ("Manage Access Tokens"), newest first, with the token name, the profile it
// came from and when, to pick one; then the tokens of the flow the panel is about (see shown-flow.ts),
// or a plain "this flow got no tokens": never another flow's tokens under its status.
import { FINAL_FLOW_STATUSES, type FlowSnapshot, type TokenResult } from '../../../shared/flow-types';
import { flowsWithTokens, useFlowsStore } from '../../store/flows-store';
import { useProfilesStore } from '../../store/profiles-store';
import { useUiStore } from '../../store/ui-store';
import { useShownFlow } from '../results/shown-flow';
import { BindingBadges } from './BindingBadges';
import { IdTokenBadge } from './IdTokenBadge';
import { TokenDetail } from '../../lazy/lazy-panels';

type FlowWithTokens = FlowSnapshot & { tokens: TokenResult };

// Worded without the status words (Failed, Cancelled, Expired, Waiting…): the badge above says the
// status once, and a search for it finds the badge alone.
const WHY: Partial<Record<FlowSnapshot['status'], string>> = {
  failed: 'the status above says why',
  cancelled: 'it was stopped before the IdP redirected back',
  expired: 'no redirect came back in time',
  created: 'it is starting',
  'awaiting-redirect': 'the sign-in is not finished yet',
  exchanging: 'its code is being exchanged',
};

function NoTokens({ flow, others }: { flow: FlowSnapshot; others: boolean }) {
  const ended = FINAL_FLOW_STATUSES.includes(flow.status);
  return (
    <p className="no-tokens">
      <strong>
        “{flow.tokenName}” {ended ? 'got no tokens' : 'has no tokens yet'}
      </strong>
      <span className="muted">
        {' '}
        — {WHY[flow.status] ?? 'the token response had none'}.{others && ' Pick one of this session’s tokens above to see it.'}
      </span>
    </p>
  );
}

export function TokensPanel() {
  const flows = useFlowsStore((s) => s.flows);
  const profiles = useProfilesStore((s) => s.profiles);
  const selectFlow = useUiStore((s) => s.selectFlow);
  const flow = useShownFlow();
  const withTokens = flowsWithTokens(flows) as FlowWithTokens[];
  if (!flow) return <p className="muted empty">No tokens yet. Fill in the form and press Get New Access Token.</p>;
  const profileName = (id: string | null) => (id ? (profiles.find((p) => p.id === id)?.name ?? 'deleted profile') : 'unsaved settings');
  return (
    <div className="tokens">
      {withTokens.length > 0 && (
        <ul className="token-list" aria-label="Tokens of this session">
          {withTokens.map((f) => (
            <li key={f.flowId}>
              <button type="button" aria-current={f.flowId === flow.flowId ? 'true' : undefined} onClick={() => selectFlow(f.flowId)}>
                <span className="token-name">
                  {f.tokenName}
                  <IdTokenBadge tokens={f.tokens} />
                  <BindingBadges tokens={f.tokens} />
                </span>
                {f.lifecycle?.refreshedFrom && <span className="badge">{f.lifecycle.refreshedFrom.auto ? 'auto-refreshed' : 'refreshed'}</span>}
                <span className="muted small">
                  {profileName(f.profileId)} · {new Date(f.tokens.receivedAt).toLocaleTimeString()}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {flow.tokens ? <TokenDetail flow={flow as FlowWithTokens} /> : <NoTokens flow={flow} others={withTokens.length > 0} />}
    </div>
  );
}
