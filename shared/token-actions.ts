// What can be done with a token after the flow (refresh, revoke, introspect, UserInfo, one API call,
// sign-out), as data: the contract's input for each action, the result rows the UI renders and tests
// assert, the lifecycle state shown on a token entry, and where each action's endpoint comes from.
import { z } from 'zod';
import type { FlowError } from './errors';
import { mtlsEndpoint, tokenEndpointUrl, type MtlsEndpointName } from './mtls';
import { API_METHODS, KeyValueRowSchema, type FlowSettings } from './settings';

export const TOKEN_KINDS = ['access_token', 'refresh_token'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const TokenActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refresh') }).strict(),
  /** Negative test (RFC 9700 4.14.2): send the refresh token this entry's tokens were refreshed with, again. */
  z.object({ kind: z.literal('reuse-refresh') }).strict(),
  z.object({ kind: z.literal('revoke'), token: z.enum(TOKEN_KINDS) }).strict(),
  z.object({ kind: z.literal('introspect'), token: z.enum(TOKEN_KINDS) }).strict(),
  z.object({ kind: z.literal('userinfo') }).strict(),
  z.object({ kind: z.literal('call-api'), method: z.enum(API_METHODS), url: z.string().min(1).max(4_000), headers: z.array(KeyValueRowSchema).max(50) }).strict(),
  z.object({ kind: z.literal('sign-out') }).strict(),
  /** Turn auto-refresh on or off for this entry, with the settings' Auto-refresh token and seconds. */
  z.object({ kind: z.literal('auto-refresh') }).strict(),
]);
export type TokenAction = z.infer<typeof TokenActionSchema>;
export type TokenActionKind = TokenAction['kind'];

/** The kinds that send an HTTP request and leave a step in the trace. */
export type TracedActionKind = Exclude<TokenActionKind, 'auto-refresh'>;

export const ACTION_LABELS: Record<TokenActionKind, string> = {
  refresh: 'Refresh',
  'reuse-refresh': 'Reuse previous refresh token',
  revoke: 'Revoke',
  introspect: 'Introspect',
  userinfo: 'UserInfo',
  'call-api': 'Call API',
  'sign-out': 'Sign out at IdP',
  'auto-refresh': 'Auto-refresh token',
};

export type Verdict = 'ok' | 'warning' | 'bad' | 'info';

/** One line of a result: a claim, a field of an answer, or a check with its verdict. */
export interface ResultRow {
  name: string;
  value: string;
  verdict?: Verdict;
}

/** What one press of an action button did. */
export interface ActionResult {
  id: string;
  kind: TracedActionKind;
  /** E.g. "Revoke refresh token". */
  title: string;
  at: string;
  /** `pending`: e.g. a sign-out waiting for the IdP to come back. */
  outcome: 'ok' | 'warning' | 'failed' | 'pending';
  /** One sentence saying plainly what happened. */
  summary: string;
  rows: ResultRow[];
  /** A response body worth showing as is (UserInfo, Call API): pretty-printed when JSON. */
  body?: { text: string; contentType: string; truncated: boolean };
  /** When the IdP refused: the same error shape (and explanations) as a failed flow. */
  error?: FlowError;
  /** Browser mode: the page the renderer must open itself (sign-out). */
  openUrl?: string;
}

/** A token entry's life after the flow, as main tracks it. */
export interface TokenLifecycle {
  /** This entry's tokens came from refreshing another entry's refresh token. */
  refreshedFrom?: { flowId: string; tokenName: string; at: string; auto: boolean; rotated: boolean | null };
  /** Entries made by refreshing this one, oldest first. */
  refreshedInto: string[];
  /** Revoked by this app (RFC 7009): when, and what the endpoint answered. */
  revoked: Partial<Record<TokenKind, { at: string; status: number }>>;
  /** When auto-refresh will fire for this entry; absent when off. */
  autoRefresh?: { at: string; secondsBefore: number; note?: string };
  /** Newest last, capped. */
  results: ActionResult[];
}

export type EndpointSource = 'field' | 'metadata' | 'access-token-url';
export type ResolvedEndpoint = { ok: true; url: string; source: EndpointSource } | { ok: false; reason: string };

type EndpointAction = 'refresh' | 'revoke' | 'introspect' | 'userinfo' | 'sign-out';

const ENDPOINTS: Record<EndpointAction, { field: keyof FlowSettings & `${string}Url`; label: string; metadata?: 'revocation_endpoint' | 'introspection_endpoint' | 'userinfo_endpoint' | 'end_session_endpoint'; mtls?: MtlsEndpointName }> = {
  refresh: { field: 'refreshTokenUrl', label: 'Refresh Token URL', mtls: 'token_endpoint' },
  revoke: { field: 'revocationUrl', label: 'Revocation URL', metadata: 'revocation_endpoint', mtls: 'revocation_endpoint' },
  introspect: { field: 'introspectionUrl', label: 'Introspection URL', metadata: 'introspection_endpoint', mtls: 'introspection_endpoint' },
  userinfo: { field: 'userinfoUrl', label: 'UserInfo URL', metadata: 'userinfo_endpoint', mtls: 'userinfo_endpoint' },
  'sign-out': { field: 'endSessionUrl', label: 'End Session URL', metadata: 'end_session_endpoint' },
};

/**
 * Where an action sends its request: the Advanced field when filled (an explicit choice wins), else
 * the discovered metadata, else (refresh only) the Access Token URL. Unknown: a reason naming the
 * field to fill, never a guess.
 */
export function actionEndpoint(settings: FlowSettings, action: EndpointAction): ResolvedEndpoint {
  const spec = ENDPOINTS[action];
  // With a client certificate, the IdP's mTLS alias of the endpoint (RFC 8705 5) where it has one.
  const aliased = (url: string) => (spec.mtls ? mtlsEndpoint(settings, spec.mtls, url) : url);
  const typed = String(settings[spec.field] ?? '').trim();
  if (typed !== '') return { ok: true, url: aliased(typed), source: 'field' };
  const discovered = spec.metadata ? settings.metadata?.metadata[spec.metadata]?.trim() : undefined;
  if (discovered) return { ok: true, url: aliased(discovered), source: 'metadata' };
  if (action === 'refresh' && settings.accessTokenUrl.trim() !== '') return { ok: true, url: tokenEndpointUrl(settings), source: 'access-token-url' };
  const discover = spec.metadata ? `, or press Discover to read ${spec.metadata} from the IdP's metadata` : '';
  return { ok: false, reason: `No endpoint known: fill ${spec.label} in Advanced${discover}.` };
}

/** Whether a string is an absolute http(s) URL an action may be sent to. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
