// Whether tokens came back bound to the DPoP key (RFC 9449 5 and 6): token_type DPoP, and the key's
// JWK thumbprint equal to `cnf.jkt` of a JWT access token, or of an introspection answer (RFC 9449
// 6.2). A Bearer token_type after a proof means the IdP ignored the proof: a warning. And the
// code's binding: dpop_jkt on the authorization request (RFC 9449 10).
import { calculateJwkThumbprint } from 'jose';
import type { DpopBinding, DpopCheckRow } from '../../shared/dpop';
import type { TokenResult, TraceEntry } from '../../shared/flow-types';
import { decodeJwtForDisplay } from '../../shared/jwt';
import type { ResultRow } from '../../shared/token-actions';
import type { FlowRecord } from '../flow/flow-record';
import type { SigningKeyMaterial } from '../keys/key-material';
import { isDpopBound } from './dpop-use';

export const dpopThumbprint = (key: SigningKeyMaterial): Promise<string> => calculateJwkThumbprint(key.publicJwk, 'sha256');

const jktOf = (value: unknown): string | undefined => {
  const jkt = value !== null && typeof value === 'object' ? (value as { jkt?: unknown }).jkt : undefined;
  return typeof jkt === 'string' ? jkt : undefined;
};

export async function checkDpopBinding(tokens: TokenResult, key: SigningKeyMaterial): Promise<DpopBinding> {
  const thumbprint = await dpopThumbprint(key);
  const rows: DpopCheckRow[] = [];
  const type = tokens.tokenType ?? '(none)';
  rows.push(
    isDpopBound(tokens)
      ? { name: 'Token type', verdict: 'pass', reason: `token_type: ${type} — the IdP bound the access token to the DPoP key.` }
      : { name: 'Token type', verdict: 'fail', reason: `token_type: ${type} — a proof was sent, but the IdP ignored it: this is a plain bearer token, not sender-constrained.` },
  );
  const decoded = tokens.accessToken ? decodeJwtForDisplay(tokens.accessToken) : undefined;
  if (!decoded?.ok) {
    rows.push({ name: 'Key binding (cnf.jkt)', verdict: 'not checked', reason: 'The access token is not a JWT (opaque): press Introspect (access token) to compare the cnf.jkt the IdP reports.' });
  } else {
    const jkt = jktOf(decoded.payload.cnf);
    if (jkt === undefined) rows.push({ name: 'Key binding (cnf.jkt)', verdict: 'fail', reason: `The JWT access token has no cnf.jkt: it is not bound to the key (thumbprint ${thumbprint}).` });
    else if (jkt === thumbprint) rows.push({ name: 'Key binding (cnf.jkt)', verdict: 'pass', reason: `cnf.jkt equals the DPoP key's thumbprint ${thumbprint}.` });
    else rows.push({ name: 'Key binding (cnf.jkt)', verdict: 'fail', reason: `cnf.jkt ${jkt} differs from the DPoP key's thumbprint ${thumbprint}: the token is bound to another key.` });
  }
  return { thumbprint, rows };
}

/** A note for the trace summing up the binding; a warning when it failed. */
export function bindingNote(binding: DpopBinding): { kind: 'note'; level: 'info' | 'warning'; message: string } {
  const failed = binding.rows.filter((r) => r.verdict === 'fail');
  if (failed.length === 0) return { kind: 'note', level: 'info', message: `DPoP binding: ${binding.rows.map((r) => `${r.name} ${r.verdict}`).join(', ')}.` };
  return { kind: 'note', level: 'warning', message: `DPoP binding: ${failed.map((r) => r.reason).join(' ')}` };
}

/** Introspection (RFC 9449 6.2): the answer's cnf.jkt against the profile's DPoP key. */
export async function introspectionJktRow(answer: Record<string, unknown>, key: SigningKeyMaterial | undefined): Promise<ResultRow | null> {
  const jkt = jktOf(answer.cnf);
  if (!key) return jkt === undefined ? null : { name: 'cnf.jkt check', value: `bound to key ${jkt}; DPoP is off in this profile, so nothing to compare with`, verdict: 'info' };
  const thumbprint = await dpopThumbprint(key);
  if (jkt === undefined) return answer.active === true ? { name: 'cnf.jkt check', value: `no cnf.jkt: the IdP does not report this token as bound to the DPoP key (${thumbprint})`, verdict: 'warning' } : null;
  return jkt === thumbprint
    ? { name: 'cnf.jkt check', value: `pass: equals the DPoP key's thumbprint ${thumbprint}`, verdict: 'ok' }
    : { name: 'cnf.jkt check', value: `fail: ${jkt} differs from the DPoP key's thumbprint ${thumbprint}`, verdict: 'bad' };
}

/** RFC 9449 10: `dpop_jkt` binds the authorization code to the key; with PAR the pushed request's proof does that. */
export async function authorizationDpopJkt(settings: { dpop: boolean; usePar: boolean }, keys: { dpopKey?: SigningKeyMaterial } | undefined): Promise<string | undefined> {
  return settings.dpop && !settings.usePar && keys?.dpopKey ? dpopThumbprint(keys.dpopKey) : undefined;
}

/** After a flow's token response: the binding on the tokens and a note in the trace (DPoP flows only). */
export async function recordDpopBinding(record: FlowRecord, now: () => Date): Promise<void> {
  const tokens = record.snapshot.tokens;
  const key = record.keys.dpopKey;
  if (!record.settings.dpop || !tokens || !key) return;
  tokens.dpop = await checkDpopBinding(tokens, key);
  record.trace(bindingNote(tokens.dpop), now());
}

/** After a refresh with a proof: the binding on the new tokens, and its note for the action's trace. */
export async function bindRefreshedTokens(tokens: TokenResult, key: SigningKeyMaterial, at: Date): Promise<TraceEntry> {
  tokens.dpop = await checkDpopBinding(tokens, key);
  return { ...bindingNote(tokens.dpop), at: at.toISOString() };
}
