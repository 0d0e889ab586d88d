// The actions on the selected token entry: Refresh (and the reuse negative test), Revoke and
// Introspect (access or refresh token), UserInfo, Sign out at IdP and one API call, each run in main
// with the form's settings; below, where the entry stands and the latest results.
import { useEffect, useId, useRef, useState } from 'react';
import type { FlowSnapshot } from '../../../shared/flow-types';
import { ACTION_LABELS, type TokenKind } from '../../../shared/token-actions';
import { actionAvailability } from './action-availability';
import { ActionButton } from './ActionButton';
import { ActionResultView } from './ActionResultView';
import { CallApiPanel } from './CallApiPanel';
import { LifecycleStatus } from './LifecycleStatus';
import { useTokenAction } from './use-token-action';
import './token-actions.css';

const RESULTS_SHOWN = 4;

export function TokenActionsPanel({ flow }: { flow: FlowSnapshot }) {
  const { run, running, error, settings } = useTokenAction(flow.flowId);
  const [token, setToken] = useState<TokenKind>('access_token');
  const tokenId = useId();
  const can = actionAvailability(flow, settings, token);
  const busy = running !== null;
  useAutoRefreshSync(flow, settings.autoRefresh, settings.autoRefreshSeconds, can.refresh.enabled, () => void run({ kind: 'auto-refresh' }));
  const results = [...(flow.lifecycle?.results ?? [])].reverse().slice(0, RESULTS_SHOWN);

  return (
    <section className="token-actions" aria-label="Token actions">
      <LifecycleStatus flow={flow} />
      <div className="action-bar">
        <ActionButton label="Refresh" availability={can.refresh} busy={busy} onClick={() => void run({ kind: 'refresh' })} />
        {flow.lifecycle?.refreshedFrom?.rotated === true && <ActionButton label="Reuse previous refresh token" availability={can.reuse} busy={busy} onClick={() => void run({ kind: 'reuse-refresh' })} />}
        <span className="field-inline">
          <label htmlFor={tokenId}>Token</label>
          <select id={tokenId} value={token} onChange={(e) => setToken(e.target.value as TokenKind)}>
            <option value="access_token">Access token</option>
            <option value="refresh_token">Refresh token</option>
          </select>
        </span>
        <ActionButton label="Revoke" availability={can.revoke} busy={busy} onClick={() => void run({ kind: 'revoke', token })} />
        <ActionButton label="Introspect" availability={can.introspect} busy={busy} onClick={() => void run({ kind: 'introspect', token })} />
        <ActionButton label="UserInfo" availability={can.userinfo} busy={busy} onClick={() => void run({ kind: 'userinfo' })} />
        <ActionButton label="Sign out at IdP" availability={can.signOut} busy={busy} onClick={() => void run({ kind: 'sign-out' })} />
      </div>
      <CallApiPanel availability={can.callApi} busy={busy} onCall={() => void run({ kind: 'call-api', method: settings.apiMethod, url: settings.apiUrl.trim(), headers: settings.apiHeaders })} />
      <p role="status" className="muted small">
        {running ? `${ACTION_LABELS[running]}…` : ''}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {results.map((result) => (
        <ActionResultView key={result.id} result={result} />
      ))}
    </section>
  );
}

/**
 * Auto-refresh runs in main, per entry. When the form's Auto-refresh token option (or its seconds)
 * changes while an entry that can refresh is shown, main is told, so its countdown follows the option.
 * Only changes count: showing an entry does not alter its schedule.
 */
function useAutoRefreshSync(flow: FlowSnapshot, enabled: boolean, seconds: number, canRefresh: boolean, sync: () => void) {
  const seen = useRef<{ flowId: string; option: string } | null>(null);
  const option = `${enabled}:${seconds}`;
  const current = flow.lifecycle?.autoRefresh;
  const differs = enabled ? current?.secondsBefore !== seconds : current !== undefined;
  const newest = (flow.lifecycle?.refreshedInto.length ?? 0) === 0;
  useEffect(() => {
    const before = seen.current;
    seen.current = { flowId: flow.flowId, option };
    if (before?.flowId !== flow.flowId || before.option === option) return;
    if (canRefresh && newest && differs) sync();
  }, [flow.flowId, option, canRefresh, newest, differs, sync]);
}
