// Where an entry stands after its flow: refreshed from (or into) which entry and whether the refresh
// token rotated, what this app revoked, and when auto-refresh fires.
import type { FlowSnapshot } from '../../../shared/flow-types';
import { useNow } from '../../components/use-now';
import { useFlowsStore } from '../../store/flows-store';
import { useUiStore } from '../../store/ui-store';
import { formatTimeLeft } from '../tokens/expiry';

const ROTATION = { true: 'the refresh token was rotated', false: 'the refresh token was not rotated', null: 'no new refresh token came back (the previous one is kept)' };

export function LifecycleStatus({ flow }: { flow: FlowSnapshot }) {
  const now = useNow(1000);
  const flows = useFlowsStore((s) => s.flows);
  const selectFlow = useUiStore((s) => s.selectFlow);
  const life = flow.lifecycle;
  if (!life) return null;
  const from = life.refreshedFrom;
  const newest = life.refreshedInto.at(-1);
  const link = (id: string, text: string) => (
    <button type="button" className="link-button" onClick={() => selectFlow(id)} disabled={!flows[id]}>
      {text}
    </button>
  );
  const revoked = (['access_token', 'refresh_token'] as const).filter((k) => life.revoked[k]);
  return (
    <div className="lifecycle-status">
      {from && (
        <p>
          {from.auto ? 'Auto-refreshed' : 'Refreshed'} from {link(from.flowId, `“${from.tokenName}” of ${new Date(from.at).toLocaleTimeString()}`)}: {ROTATION[String(from.rotated) as keyof typeof ROTATION]}.
        </p>
      )}
      {newest && <p className="muted">Refreshed since: {link(newest, 'see the newest entry')}.</p>}
      {revoked.map((k) => (
        <p key={k} className="bad-text">
          {k === 'access_token' ? 'Access token' : 'Refresh token'} revoked by this app at {new Date(life.revoked[k]!.at).toLocaleTimeString()}.
        </p>
      ))}
      {life.autoRefresh && (
        <p role="timer" aria-live="off">
          Auto-refresh in {formatTimeLeft(Date.parse(life.autoRefresh.at), now).replace(' left', '')} (at {new Date(life.autoRefresh.at).toLocaleTimeString()}, {life.autoRefresh.secondsBefore} s before expiry).
          {life.autoRefresh.note && <span className="muted"> {life.autoRefresh.note}</span>}
        </p>
      )}
    </div>
  );
}
