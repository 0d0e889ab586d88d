// One step of a flow's trace, shown as what was sent or received, secrets masked unless revealed.
import { buildCurlCommand } from '../../../shared/curl';
import type { TraceEntry } from '../../../shared/flow-types';
import { REDACTED } from '../../../shared/token-request';
import { CopyButton } from '../../components/CopyButton';
import { DpopProofView } from '../fapi/DpopProofView';
import { PresentedCertificateLine } from '../fapi/PresentedCertificateLine';
import { AssertionView, clientAuthWords } from '../fapi/AssertionView';
import { actionTraceTitle, ActionRequestView } from '../token-actions/ActionTraceViews';
import { SECRET_NAMES, shownBody, shownParams, shownUrl, shownValue } from './mask';
import { ParamsTable } from './ParamsTable';
import { RequestObjectView } from '../fapi/RequestObjectView';

const time = (at: string) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, fractionalSecondDigits: 3 });

/** Time since the flow's first step, e.g. "+1.204 s": where a flow spent its time. */
const elapsed = (at: string, startAt: string | undefined) => {
  if (!startAt) return '';
  const ms = Date.parse(at) - Date.parse(startAt);
  return Number.isFinite(ms) && ms > 0 ? ` (+${(ms / 1000).toFixed(3)} s)` : '';
};

interface ExportChoice {
  /** "Include secrets" is ticked: the copy holds the code and verifier in clear. */
  includeSecrets: boolean;
  /** Called once a copy is made: the choice is for one action. */
  onExported: () => void;
}

function TokenRequestView({ entry, reveal, secrets, includeSecrets, onExported }: { entry: Extract<TraceEntry, { kind: 'token_request' | 'par_request' }>; reveal: boolean; secrets: ReadonlySet<string> } & ExportChoice) {
  const curl = buildCurlCommand(entry, (name, value) => shownValue(name, value, reveal, secrets));
  const copyCurl = () => {
    const { command } = buildCurlCommand(entry, includeSecrets ? undefined : (name, value) => shownValue(name, value, false, secrets));
    onExported();
    return command;
  };
  const headers = Object.entries(entry.headers).map(([k, v]): [string, string] => [k, k.toLowerCase() === 'authorization' ? `Basic ${REDACTED}` : v]);
  return (
    <>
      <p className="mono request-line">
        <strong>{entry.method}</strong> {entry.url}
      </p>
      <p className="muted small">
        Client authentication: {clientAuthWords(entry.clientAuth, REDACTED)}
        {(entry.clientAuth === 'basic' || entry.clientAuth === 'body') && ` — the client secret never reaches this window, so it shows as ${REDACTED} even when secrets are revealed.`}
      </p>
      <PresentedCertificateLine certificate={entry.tlsClientCertificate} />
      {entry.clientAssertion && <AssertionView assertion={entry.clientAssertion} />}
      <ParamsTable caption="Headers" rows={headers} />
      <ParamsTable caption="Body (application/x-www-form-urlencoded)" rows={shownParams(entry.bodyParams, reveal, secrets)} />
      <div className="curl">
        <div className="token-value-head">
          <span className="group-title">curl</span>
          {/* Masked like an export, whatever the screen shows; in clear only with "Include secrets". */}
          <CopyButton value={copyCurl} label="Copy as curl" />
        </div>
        <pre className="mono" aria-label="curl command">{curl.command}</pre>
        {curl.notes.map((n) => (
          <p key={n} className="muted small">
            {n}
          </p>
        ))}
      </div>
    </>
  );
}

function EntryBody({ entry, reveal, secrets, includeSecrets, onExported }: { entry: TraceEntry; reveal: boolean; secrets: ReadonlySet<string> } & ExportChoice) {
  switch (entry.kind) {
    case 'authorization_request':
      return (
        <>
          <div className="token-value-head">
            <p className="mono wrap">{shownUrl(entry.url, reveal, secrets)}</p>
            {/* E.g. to open the sign-in in another browser profile; the copy is the URL as sent. */}
            <CopyButton value={entry.url} label="Copy authorization URL" />
          </div>
          <p className="muted small">
            Opened via {entry.mode}; redirect_uri {entry.redirectUri}
          </p>
          <ParamsTable caption="Query parameters" rows={shownParams(entry.params, reveal, secrets)} />
        </>
      );
    case 'redirect':
      return (
        <>
          <p className="mono wrap">{shownUrl(entry.url, reveal)}</p>
          <p className="muted small">Received by: {entry.source}</p>
          <ParamsTable caption="Parameters" rows={shownParams(Object.entries(entry.params), reveal)} />
        </>
      );
    case 'request_object':
      return <RequestObjectView entry={entry} reveal={reveal} secrets={secrets} />;
    case 'par_request':
    case 'token_request':
      return <TokenRequestView entry={entry} reveal={reveal} secrets={secrets} includeSecrets={includeSecrets} onExported={onExported} />;
    case 'action_request':
      return <ActionRequestView entry={entry} reveal={reveal} includeSecrets={includeSecrets} onExported={onExported} />;
    case 'token_response':
    case 'par_response':
    case 'action_response':
      return (
        <>
          <p className="mono">
            <span className={entry.status >= 200 && entry.status < 300 ? 'badge badge-ok' : 'badge badge-bad'}>
              {entry.status} {entry.statusText}
            </span>{' '}
            <span className="muted">in {entry.durationMs} ms</span>
            {entry.truncated && <span className="badge badge-bad">truncated</span>}
          </p>
          <ParamsTable caption="Headers" rows={Object.entries(entry.headers)} />
          <pre className="mono json" aria-label="Response body">{shownBody(entry.body, reveal)}</pre>
        </>
      );
    case 'note':
      return <p className={`note note-${entry.level}`}>{entry.message}</p>;
  }
}

const TITLES: Record<TraceEntry['kind'], string> = {
  authorization_request: 'Authorization request',
  redirect: 'Redirect received',
  token_request: 'Token request',
  token_response: 'Token response',
  action_request: 'Request',
  action_response: 'Response',
  note: 'Note',
  request_object: 'Request object (signed, RFC 9101)',
  par_request: 'Pushed authorization request (PAR)',
  par_response: 'PAR response',
};

interface TraceEntryViewProps extends ExportChoice {
  entry: TraceEntry;
  reveal: boolean;
  /** Parameter names masked until revealed (see secretNamesFor). */
  secrets?: ReadonlySet<string>;
  /** The first step's time, for "+1.204 s". */
  startAt?: string;
  /** Instead of the kind's title, e.g. "Discovery response" for an answer that is not the token endpoint's. */
  title?: string;
}

export function TraceEntryView({ entry, reveal, secrets = SECRET_NAMES, startAt, title, includeSecrets, onExported }: TraceEntryViewProps) {
  return (
    <li className={`trace-entry trace-${entry.kind}`}>
      <div className="trace-entry-head">
        <h4>{title ?? (entry.kind === 'action_request' || entry.kind === 'action_response' ? actionTraceTitle(entry) : TITLES[entry.kind])}</h4>
        <time className="muted small" dateTime={entry.at}>
          {time(entry.at)}
          {elapsed(entry.at, startAt)}
        </time>
      </div>
      <EntryBody entry={entry} reveal={reveal} secrets={secrets} includeSecrets={includeSecrets} onExported={onExported} />
      {(entry.kind === 'token_request' || entry.kind === 'action_request' || entry.kind === 'par_request') && <DpopProofView headers={entry.headers} />}
    </li>
  );
}
