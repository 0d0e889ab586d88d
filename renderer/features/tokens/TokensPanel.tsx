// The session's tokens ("Manage Access Tokens"): newest first, with the token name, the profile it came
// from and when; the selected one in detail.
import type { FlowSnapshot, TokenResult } from '../../../shared/flow-types';
import { flowsWithTokens, useFlowsStore } from '../../store/flows-store';
import { useProfilesStore } from '../../store/profiles-store';
import { useUiStore } from '../../store/ui-store';
import { TokenDetail } from './TokenDetail';

type FlowWithTokens = FlowSnapshot & { tokens: TokenResult };

export function TokensPanel() {
  const flows = useFlowsStore((s) => s.flows);
  const profiles = useProfilesStore((s) => s.profiles);
  const selectedId = useUiStore((s) => s.selectedFlowId);
  const selectFlow = useUiStore((s) => s.selectFlow);
  const withTokens = flowsWithTokens(flows) as FlowWithTokens[];
  if (withTokens.length === 0) {
    return <p className="muted empty">No tokens yet. Fill in the form and press Get New Access Token.</p>;
  }
  // The detail follows the selected flow: one that got no tokens (failed, cancelled, still waiting)
  // shows none, rather than an earlier flow's tokens under its status. With none selected: the newest.
  const selectedFlow = selectedId ? flows[selectedId] : undefined;
  const selected = selectedFlow ? withTokens.find((f) => f.flowId === selectedFlow.flowId) : withTokens[0];
  const profileName = (id: string | null) => (id ? (profiles.find((p) => p.id === id)?.name ?? 'deleted profile') : 'unsaved settings');
  return (
    <div className="tokens">
      <ul className="token-list" aria-label="Tokens of this session">
        {withTokens.map((f) => (
          <li key={f.flowId}>
            <button type="button" aria-current={f.flowId === selected?.flowId ? 'true' : undefined} onClick={() => selectFlow(f.flowId)}>
              <span className="token-name">{f.tokenName}</span>
              {f.lifecycle?.refreshedFrom && <span className="badge">{f.lifecycle.refreshedFrom.auto ? 'auto-refreshed' : 'refreshed'}</span>}
              <span className="muted small">
                {profileName(f.profileId)} · {new Date(f.tokens.receivedAt).toLocaleTimeString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {selected ? (
        <TokenDetail flow={selected} />
      ) : (
        <p className="muted">“{selectedFlow?.tokenName}” {selectedFlow?.status === 'awaiting-redirect' || selectedFlow?.status === 'exchanging' ? 'has no tokens yet' : 'got no tokens'}. Pick one of this session’s tokens above to see it.</p>
      )}
    </div>
  );
}
