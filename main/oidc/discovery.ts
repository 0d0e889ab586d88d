// Discover: fetch an issuer's metadata through main's HTTP client (timeout, size cap, redirects
// reported rather than followed). OpenID Connect Discovery's URL first; on a 404, RFC 8414's. Every
// request and answer goes into the trace, so a failure can be read as it happened.
import type { TraceEntry } from '../../shared/flow-types';
import type { DiscoveryError, DiscoveryErrorKind, DiscoveryOutcome } from '../../shared/oidc/discovery-result';
import { checkIssuer, discoveryUrls } from '../../shared/oidc/discovery-url';
import type { EndpointWords } from '../flow/http-errors';
import { sendHttpRequest, TransportFailure, type HttpAnswer } from '../flow/token-client';
import { readMetadataAnswer } from './metadata-document';

export const DEFAULT_DISCOVERY_TIMEOUT_MS = 15_000;
/** Real documents are a few KiB (Entra ID's: about 2); a bigger answer is not metadata. */
export const MAX_METADATA_BYTES = 256 * 1024;

const DISCOVERY_ENDPOINT: EndpointWords = { endpoint: 'discovery endpoint', request: 'discovery request', field: 'Issuer' };
const NETWORK_KINDS = new Set<DiscoveryErrorKind>(['timeout', 'connection_refused', 'dns', 'tls', 'network']);

export interface DiscoverOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  maxResponseBytes?: number;
  now?: () => Date;
}

export async function discoverMetadata(issuerInput: string, options: DiscoverOptions = {}): Promise<DiscoveryOutcome> {
  const now = options.now ?? (() => new Date());
  const trace: TraceEntry[] = [];
  const failed = (error: DiscoveryError): DiscoveryOutcome => {
    trace.push({ kind: 'note', at: now().toISOString(), level: 'error', message: error.message });
    return { ok: false, error, trace };
  };

  const check = checkIssuer(issuerInput);
  if (!check.ok) return { ok: false, error: { kind: 'invalid_issuer', message: check.reason }, trace };
  const { issuer } = check;
  const [openIdUrl, oauthUrl] = discoveryUrls(issuer);

  const at = () => now().toISOString();
  const get = async (url: string): Promise<HttpAnswer | DiscoveryError> => {
    trace.push({ kind: 'note', at: at(), level: 'info', message: `GET ${url} (Accept: application/json)` });
    try {
      const answer = await sendHttpRequest(
        { url, method: 'GET', headers: { accept: 'application/json' } },
        { timeoutMs: options.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS, maxResponseBytes: options.maxResponseBytes ?? MAX_METADATA_BYTES, ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}) },
        DISCOVERY_ENDPOINT,
      );
      trace.push({ kind: 'token_response', at: at(), status: answer.status, statusText: answer.statusText, headers: answer.headers, body: answer.body, truncated: answer.truncated, durationMs: answer.durationMs });
      return answer;
    } catch (err) {
      if (!(err instanceof TransportFailure)) throw err;
      const kind = NETWORK_KINDS.has(err.flowError.kind as DiscoveryErrorKind) ? (err.flowError.kind as DiscoveryErrorKind) : 'network';
      return { kind, url, message: err.flowError.message };
    }
  };

  let url = openIdUrl;
  let answer = await get(url);
  if (!('status' in answer)) return failed(answer);
  if (answer.status === 404) {
    trace.push({ kind: 'note', at: at(), level: 'info', message: 'No OpenID Connect metadata (404): trying the OAuth 2.0 authorization server metadata of RFC 8414 instead.' });
    url = oauthUrl;
    answer = await get(url);
    if (!('status' in answer)) return failed(answer);
    if (answer.status === 404) {
      return failed({
        kind: 'not_found',
        url,
        httpStatus: 404,
        message: `No metadata at ${openIdUrl} nor at ${oauthUrl} (404 Not Found). Check the Issuer: it is the IdP's issuer identifier (what its ID tokens carry in iss), not its authorization endpoint.`,
      });
    }
  }
  const reading = readMetadataAnswer(answer, url, issuer);
  if (!reading.ok) return failed(reading.error);
  for (const warning of reading.warnings) trace.push({ kind: 'note', at: at(), level: 'warning', message: warning });
  return { ok: true, discovered: { source: url, fetchedAt: at(), metadata: reading.metadata }, warnings: reading.warnings, trace };
}
