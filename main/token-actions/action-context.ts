// What every token action gets: the settings it runs with (client, authentication, endpoints), the
// client secret resolved in main, and the HTTP client's settings. And the shape of what it returns.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/errors';
import type { TraceEntry } from '../../shared/flow-types';
import type { FlowSettings } from '../../shared/settings';
import { actionEndpoint, isHttpUrl, type ActionResult, type TracedActionKind } from '../../shared/token-actions';
import type { ClientKeys } from '../keys/key-material';
import type { JwksCache } from '../oidc/jwks-cache';
import type { HttpSettings } from './http-step';

export interface ActionContext {
  settings: FlowSettings;
  /** null: a public client. Never copied into a result or the trace. */
  clientSecret: string | null;
  /** Key material resolved in main (signing key, DPoP key, client certificate); absent: none needed. */
  keys?: ClientKeys;
  http: HttpSettings;
  /** The IdP keys the flow engine's ID token checks keep per issuer; absent: fetched afresh. */
  jwks?: JwksCache;
}

export interface ActionOutcome {
  trace: TraceEntry[];
  result: ActionResult;
}

export function newResult(kind: TracedActionKind, title: string, at: Date, fields: Pick<ActionResult, 'outcome' | 'summary'> & Partial<ActionResult>): ActionResult {
  return { id: randomUUID(), kind, title, at: at.toISOString(), rows: [], ...fields };
}

/** The action's endpoint, or an error naming the field to fill (the UI disables the button first). */
export function requireEndpoint(settings: FlowSettings, action: Parameters<typeof actionEndpoint>[1]): string {
  const endpoint = actionEndpoint(settings, action);
  if (!endpoint.ok) throw new ApiError('invalid_settings', endpoint.reason);
  if (!isHttpUrl(endpoint.url)) throw new ApiError('invalid_settings', `${endpoint.url} is not an http(s) URL.`);
  return endpoint.url;
}
