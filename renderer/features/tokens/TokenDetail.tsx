// One token response, like Postman's token details and more: each value with a Copy button, JWTs
// decoded, a live countdown to expiry, and the raw JSON as received.
import type { FlowSnapshot, TokenResult } from '../../../shared/flow-types';
import { CopyButton } from '../../components/CopyButton';
import { DpopBindingView } from '../fapi/DpopBindingView';
import { useNow } from '../../components/use-now';
import { TokenActionsPanel } from '../token-actions/TokenActionsPanel';
import { DecodedJwtView } from './DecodedJwtView';
import { expiresAtMs, formatTimeLeft } from './expiry';
import { TokenValidationPanel } from './TokenValidationPanel';

function TokenValue({ label, value, decode, now }: { label: string; value: string | undefined; decode?: boolean; now: number }) {
  if (value === undefined) return null;
  const id = `token-${label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <div className="token-value">
      <div className="token-value-head">
        <span id={id} className="group-title">
          {label}
        </span>
        <CopyButton value={value} label={`Copy ${label}`} />
      </div>
      <code className="mono token-text" aria-labelledby={id}>
        {value}
      </code>
      {decode && <DecodedJwtView token={value} now={now} />}
    </div>
  );
}

function ExpiresIn({ tokens, now }: { tokens: TokenResult; now: number }) {
  if (tokens.expiresIn === undefined && tokens.raw.expires_in !== undefined) {
    return <span>{JSON.stringify(tokens.raw.expires_in)} <span className="bad-text">as received: not a number of seconds, so no countdown</span></span>;
  }
  if (tokens.expiresIn === undefined) return <span className="muted">not given</span>;
  const at = expiresAtMs(tokens.receivedAt, tokens.expiresIn);
  const left = formatTimeLeft(at, now);
  return (
    <span>
      {tokens.expiresIn} s — <span className={at <= now ? 'bad-text' : 'ok-text'}>{left}</span>
      <span className="muted"> (at {new Date(at).toLocaleTimeString()})</span>
    </span>
  );
}

export function TokenDetail({ flow }: { flow: FlowSnapshot & { tokens: TokenResult } }) {
  const now = useNow(1000);
  const { tokens } = flow;
  return (
    <div className="token-detail">
      <TokenValue label="Access Token" value={tokens.accessToken} decode now={now} />
      {tokens.validation?.accessToken && <TokenValidationPanel title="Access Token Validation (informational)" report={tokens.validation.accessToken} checkedAt={tokens.receivedAt} />}
      {tokens.dpop && <DpopBindingView binding={tokens.dpop} />}
      <TokenValue label="ID Token" value={tokens.idToken} decode now={now} />
      {tokens.validation?.idToken && <TokenValidationPanel title="ID Token Validation" report={tokens.validation.idToken} checkedAt={tokens.receivedAt} />}
      <TokenValue label="Refresh Token" value={tokens.refreshToken} now={now} />
      <dl className="facts token-facts">
        <dt>Token Type</dt>
        <dd>
          {tokens.tokenType ?? <span className="muted">not given</span>}
          {tokens.tokenType && <CopyButton value={tokens.tokenType} label="Copy Token Type" />}
        </dd>
        <dt>Expires In</dt>
        <dd>
          <ExpiresIn tokens={tokens} now={now} />
          {tokens.expiresIn !== undefined && <CopyButton value={String(tokens.expiresIn)} label="Copy Expires In" />}
        </dd>
        <dt>Scope</dt>
        <dd>
          {tokens.scope === undefined ? (
            <span className="muted">not given (the requested scope applies)</span>
          ) : tokens.scope.trim() === '' ? (
            <span className="muted">empty: the IdP granted no scope for this access token</span>
          ) : (
            tokens.scope
          )}
          {tokens.scope && <CopyButton value={tokens.scope} label="Copy Scope" />}
        </dd>
        <dt>Received</dt>
        <dd>{new Date(tokens.receivedAt).toLocaleString()}</dd>
      </dl>
      <TokenActionsPanel flow={flow} />
      <details className="raw">
        <summary>Raw token response</summary>
        <pre className="mono json" aria-label="Raw token response">{JSON.stringify(tokens.raw, null, 2)}</pre>
      </details>
    </div>
  );
}
