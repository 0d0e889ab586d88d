// The authorization request of a flow, kept out of FlowEngine.start: its parameters (RFC 6749 4.1.1,
// RFC 7636 4.3), signed as a request object when asked (RFC 9101, JAR), pushed to the PAR endpoint
// when asked (RFC 9126), and traced step by step. prepareAuthorization runs before the flow exists
// (a settings problem is an error of startFlow, nothing to clean up); sendAuthorization runs once it
// does, because a push can fail and the failed flow must keep its trace.
import { authorizationParams, buildAuthorizationUrl } from '../../shared/authorize-url';
import { ApiError, type FlowError } from '../../shared/errors';
import { mtlsEndpoint } from '../../shared/mtls';
import { parEndpoint, requestObjectAudience } from '../../shared/par-jar';
import { scopeIncludesOpenId, type FlowSettings } from '../../shared/settings';
import { redactTokenRequest, type TokenRequest } from '../../shared/token-request';
import { buildAuthenticatedPost } from '../client-auth/authenticated-post';
import { tracedAssertion } from '../client-auth/traced-assertion';
import { authorizationDpopJkt } from '../dpop/dpop-binding';
import { sendEachAttempt, sendWithDpop } from '../dpop/dpop-send';
import { presentedCertificate } from '../mtls/certificate-binding';
import type { ClientKeys } from '../keys/key-material';
import { interpretParResponse } from '../par/par-response';
import { createRequestObject, type RequestObject } from '../par/request-object';
import type { FlowRecord } from './flow-record';
import type { EndpointWords } from './http-errors';
import { sendHttpRequest, TransportFailure, type HttpAnswer } from './token-client';

export interface AuthorizationInput {
  settings: FlowSettings;
  redirectUri: string;
  state: string;
  /** null: no code_challenge (the PKCE probe's downgrade cases), pushed or not. */
  codeChallenge: string | null;
  nonce: string | undefined;
  keys: ClientKeys;
  profileId: string | null;
  now: Date;
}

export interface PreparedAuthorization {
  /** Without PAR: the URL the browser opens and its query parameters. */
  direct?: { url: string; params: [string, string][] };
  /** With PAR: where the parameters (or the request object) are pushed. */
  push?: { url: string; params: [string, string][] };
  requestObject?: RequestObject;
}

export interface AuthorizationContext {
  fetchImpl?: typeof fetch;
  tokenTimeoutMs: number;
  maxResponseBytes: number;
  now(): Date;
  emit(record: FlowRecord): void;
}

export const PAR_ENDPOINT: EndpointWords = { endpoint: 'PAR endpoint', request: 'pushed authorization request', field: 'PAR URL' };

export async function prepareAuthorization(input: AuthorizationInput): Promise<PreparedAuthorization> {
  const { settings } = input;
  const rows = settings.extraAuthParams;
  const base = {
    clientId: settings.clientId,
    redirectUri: input.redirectUri,
    scope: settings.scope,
    state: input.state,
    codeChallenge: input.codeChallenge,
    codeChallengeMethod: settings.codeChallengeMethod,
    nonce: input.nonce,
    audience: settings.audience,
    resource: settings.resource,
    // RFC 9449 10: the code bound to the DPoP key (with PAR, the push's own proof binds it).
    dpopJkt: await authorizationDpopJkt(settings, input.keys),
  };
  if (!settings.usePar && !settings.signAuthorizationRequest) {
    const request = buildAuthorizationUrl({ ...base, authUrl: settings.authUrl.trim(), extraParams: rows });
    return { direct: request };
  }
  // With PAR, rows sent as a header go on the push as headers; otherwise every row is a parameter.
  const params = authorizationParams({ ...base, extraParams: settings.usePar ? rows.filter((row) => row.sendAs !== 'header') : rows });
  const requestObject = settings.signAuthorizationRequest ? await signParams(input, params) : undefined;
  if (settings.usePar) {
    const endpoint = parEndpoint(settings);
    if (!endpoint.ok) throw new ApiError('invalid_settings', endpoint.reason, [{ field: 'parUrl', message: endpoint.reason }]);
    // RFC 8705 5: with a client certificate, the IdP's mTLS alias of the PAR endpoint.
    return { push: { url: mtlsEndpoint(settings, 'pushed_authorization_request_endpoint', endpoint.url), params: requestObject ? [['request', requestObject.jwt]] : params }, ...(requestObject ? { requestObject } : {}) };
  }
  // By value (RFC 9101 5.1): client_id and request, plus what OIDC Core 6.1 wants outside as well.
  // The duplicates mirror the signed values, which an IdP may compare (oidc-provider does).
  const url = new URL(settings.authUrl.trim());
  const signed = (name: string) => params.find(([key]) => key === name)?.[1];
  const scope = signed('scope');
  const outside: [string, string][] = [['response_type', signed('response_type') ?? 'code'], ['client_id', signed('client_id') ?? settings.clientId]];
  if (scope !== undefined && scopeIncludesOpenId(scope)) outside.push(['scope', scope]);
  outside.push(['request', requestObject!.jwt]);
  for (const [name, value] of outside) url.searchParams.set(name, value);
  return { direct: { url: url.toString(), params: [...url.searchParams.entries()] }, requestObject: requestObject! };
}

async function signParams(input: AuthorizationInput, params: [string, string][]): Promise<RequestObject> {
  const key = input.keys.signingKey;
  if (!key) {
    const message =
      input.profileId === null
        ? "Sign the authorization request needs the profile's signing key, kept in the OS keychain with a saved profile: save this profile, add its signing key, then start again."
        : "Sign the authorization request needs the profile's signing key (the private key also used for private_key_jwt): add it to the profile first.";
    throw new ApiError('invalid_settings', message, [{ field: 'signAuthorizationRequest', message }]);
  }
  return createRequestObject({ params, clientId: input.settings.clientId, audience: requestObjectAudience(input.settings), signingKey: key, now: input.now });
}

/** Traces the request object, pushes when asked, traces the authorization request: the browser's URL, or why there is none. */
export async function sendAuthorization(ctx: AuthorizationContext, record: FlowRecord, prepared: PreparedAuthorization): Promise<{ url: string } | FlowError> {
  const settings = record.settings;
  if (prepared.requestObject) traceRequestObject(ctx, record, prepared.requestObject);
  let request = prepared.direct;
  if (prepared.push) {
    const pushed = await push(ctx, record, prepared.push);
    if ('kind' in pushed) return pushed;
    // RFC 9126 4: the browser gets client_id and request_uri only (the Auth URL's own query stays).
    const url = new URL(settings.authUrl.trim());
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('request_uri', pushed.requestUri);
    request = { url: url.toString(), params: [...url.searchParams.entries()] };
  }
  const { url, params } = request!;
  record.snapshot.authorizationUrl = url;
  record.trace({ kind: 'authorization_request', url, params, mode: settings.authorizeMode, redirectUri: record.snapshot.redirectUri }, ctx.now());
  return { url };
}

function traceRequestObject(ctx: AuthorizationContext, record: FlowRecord, requestObject: RequestObject): void {
  const at = ctx.now();
  record.trace({ kind: 'request_object', ...requestObject }, at);
  const algs = record.settings.metadata?.metadata.request_object_signing_alg_values_supported;
  const alg = String(requestObject.header.alg);
  if (algs && !algs.includes(alg)) {
    record.trace({ kind: 'note', level: 'warning', message: `Signed with ${alg}, which the IdP does not list in request_object_signing_alg_values_supported (${algs.join(', ') || 'nothing'}): expect it to refuse the request object.` }, at);
  }
}

async function push(ctx: AuthorizationContext, record: FlowRecord, target: { url: string; params: [string, string][] }): Promise<{ requestUri: string } | FlowError> {
  const settings = record.settings;
  // Built afresh for a DPoP nonce retry when it carries an assertion: an assertion's jti is single-use.
  const build = () =>
    buildAuthenticatedPost(
      { url: target.url, params: target.params, clientId: settings.clientId, clientSecret: record.clientSecret, extraParams: settings.extraAuthParams.filter((row) => row.sendAs === 'header') },
      { settings, keys: record.keys, now: ctx.now() },
    );
  const unbuilt = (err: unknown): FlowError => ({ kind: 'par_failed', message: `The pushed authorization request could not be built: ${err instanceof Error ? err.message : String(err)} No browser was opened.` });
  let first: TokenRequest;
  try {
    first = await build();
  } catch (err) {
    return unbuilt(err);
  }
  const certificate = settings.useClientCertificate ? record.keys.clientCertificate : undefined;
  const sendOnce = async (request: TokenRequest): Promise<HttpAnswer | FlowError> => {
    const shown = redactTokenRequest(request);
    record.trace(
      {
        kind: 'par_request',
        url: shown.url,
        method: shown.method,
        headers: shown.headers,
        body: shown.body,
        bodyParams: shown.bodyParams,
        clientAuth: shown.clientAuth,
        clientId: settings.clientId,
        ...tracedAssertion(request),
        ...(certificate ? { tlsClientCertificate: presentedCertificate(certificate) } : {}),
      },
      ctx.now(),
    );
    ctx.emit(record);
    try {
      const options = { fetchImpl: ctx.fetchImpl, timeoutMs: ctx.tokenTimeoutMs, maxResponseBytes: ctx.maxResponseBytes, signal: record.abort.signal, ...(certificate ? { clientCertificate: certificate } : {}) };
      const answer = await sendHttpRequest(request, options, PAR_ENDPOINT);
      const { limitBytes: _limit, ...response } = answer;
      record.trace({ kind: 'par_response', ...response }, ctx.now());
      return answer;
    } catch (err) {
      const error: FlowError = err instanceof TransportFailure ? err.flowError : { kind: 'network', message: `The pushed authorization request failed: ${err instanceof Error ? err.message : String(err)}` };
      if (!record.isFinal) record.trace({ kind: 'note', level: 'error', message: `No answer from the PAR endpoint: ${error.raw ?? error.message}` }, ctx.now());
      return { ...error, kind: error.kind === 'cancelled' ? 'cancelled' : 'par_failed', message: error.kind === 'cancelled' ? error.message : `${error.message} No browser was opened.` };
    }
  };
  // RFC 9449 10.1: with DPoP, the push carries a proof, which binds the code to the key (nonce challenges answered once).
  const dpopKey = settings.dpop ? record.keys.dpopKey : undefined;
  const sent = dpopKey
    ? await sendWithDpop(
        { key: dpopKey, now: ctx.now },
        first,
        sendEachAttempt(first, build, unbuilt, sendOnce),
        (r) => ('kind' in r ? undefined : r),
        (level, message) => record.trace({ kind: 'note', level, message }, ctx.now()),
      )
    : await sendOnce(first);
  if ('kind' in sent) return sent;
  const answer = sent;
  const at = ctx.now();
  const outcome = interpretParResponse(answer);
  if (!outcome.ok) return outcome.error;
  for (const warning of outcome.warnings) record.trace({ kind: 'note', level: 'warning', message: warning }, at);
  record.snapshot.par = { endpoint: target.url, requestUri: outcome.requestUri, pushedAt: at.toISOString(), ...(outcome.expiresIn !== undefined ? { expiresIn: outcome.expiresIn } : {}) };
  const expiry = outcome.expiresIn !== undefined ? `, which expires in ${outcome.expiresIn} s` : '';
  record.trace({ kind: 'note', level: 'info', message: `Pushed (RFC 9126): the browser gets only client_id and request_uri ${outcome.requestUri}${expiry}.` }, at);
  return { requestUri: outcome.requestUri };
}
