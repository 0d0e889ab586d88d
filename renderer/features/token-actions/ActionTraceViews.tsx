// The trace steps of token actions (refresh, revoke, introspect, UserInfo, API call, sign-out): the
// request as sent with Copy as curl, tokens masked until revealed; the client secret never here.
import { buildCurlCommand, type ActionRequestTrace } from '../../../shared/curl';
import type { TraceEntry } from '../../../shared/flow-types';
import { REDACTED } from '../../../shared/token-request';
import { CopyButton } from '../../components/CopyButton';
import { PresentedCertificateLine } from '../fapi/PresentedCertificateLine';
import { AssertionView, clientAuthWords } from '../fapi/AssertionView';
import { ParamsTable } from '../trace/ParamsTable';
import { SECRET_NAMES, shownParams, shownUrl, shownValue } from '../trace/mask';

/** Revocation and introspection send the token as `token`; sign-out sends the ID token as `id_token_hint`. */
export const ACTION_SECRET_NAMES: ReadonlySet<string> = new Set([...SECRET_NAMES, 'token', 'id_token_hint']);

const ACTION_TITLES: Record<ActionRequestTrace['action'], string> = {
  refresh: 'Refresh',
  'reuse-refresh': 'Reuse previous refresh token',
  revoke: 'Revocation',
  introspect: 'Introspection',
  userinfo: 'UserInfo',
  'call-api': 'API call',
  'sign-out': 'Sign out at IdP',
};

export function actionTraceTitle(entry: Extract<TraceEntry, { kind: 'action_request' | 'action_response' }>): string {
  return `${ACTION_TITLES[entry.action]} ${entry.kind === 'action_request' ? 'request' : 'response'}`;
}

function shownHeader(name: string, value: string, reveal: boolean): string {
  if (name.toLowerCase() !== 'authorization') return value;
  if (/^basic /i.test(value)) return `Basic ${REDACTED}`;
  // Bearer, or DPoP for a DPoP-bound token (RFC 9449 7.1): the scheme as sent, the token masked.
  const presented = /^(bearer|dpop)\s+(.*)$/i.exec(value);
  return presented ? `${presented[1]} ${shownValue('access_token', presented[2] ?? '', reveal)}` : value;
}

interface ExportChoice {
  /** "Include secrets" is ticked: the copy holds the tokens in clear. */
  includeSecrets: boolean;
  /** Called once a copy is made: the choice is for one action. */
  onExported: () => void;
}

export function ActionRequestView({ entry, reveal, includeSecrets, onExported }: { entry: ActionRequestTrace; reveal: boolean } & ExportChoice) {
  const mask = (name: string, value: string) => shownValue(name, value, reveal, ACTION_SECRET_NAMES);
  const curl = buildCurlCommand(entry, mask);
  // Masked like an export, whatever the screen shows; in clear only with "Include secrets".
  const copyCurl = () => {
    const { command } = buildCurlCommand(entry, includeSecrets ? undefined : (name, value) => shownValue(name, value, false, ACTION_SECRET_NAMES));
    onExported();
    return command;
  };
  const auth =
    entry.clientAuth === 'bearer'
      ? /^dpop\s/i.test(entry.headers.authorization ?? '')
        ? 'the DPoP-bound access token as a DPoP header, with a DPoP proof'
        : 'the access token as a Bearer header'
      : entry.clientAuth === 'basic'
        ? `client credentials in a Basic header (the secret shows as ${REDACTED})`
        : entry.clientAuth === 'none'
          ? entry.action === 'sign-out'
            ? 'none: the browser opens this URL'
            : 'none'
          : clientAuthWords(entry.clientAuth, REDACTED);
  return (
    <>
      <p className="mono request-line wrap">
        <strong>{entry.method}</strong> {shownUrl(entry.url, reveal, ACTION_SECRET_NAMES)}
      </p>
      <p className="muted small">Authentication: {auth}</p>
      <PresentedCertificateLine certificate={entry.tlsClientCertificate} />
      {entry.clientAssertion && <AssertionView assertion={entry.clientAssertion} />}
      <ParamsTable caption="Headers" rows={Object.entries(entry.headers).map(([k, v]): [string, string] => [k, shownHeader(k, v, reveal)])} />
      {entry.bodyParams.length > 0 && <ParamsTable caption="Body (application/x-www-form-urlencoded)" rows={shownParams(entry.bodyParams, reveal, ACTION_SECRET_NAMES)} />}
      {entry.action !== 'sign-out' && (
        <div className="curl">
          <div className="token-value-head">
            <span className="group-title">curl</span>
            <CopyButton value={copyCurl} label="Copy as curl" />
          </div>
          <pre className="mono" aria-label="curl command">
            {curl.command}
          </pre>
          {curl.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
        </div>
      )}
    </>
  );
}
