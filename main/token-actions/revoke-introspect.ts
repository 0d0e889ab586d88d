// Revocation (RFC 7009) and introspection (RFC 7662): the token and its token_type_hint, POSTed with
// the client's authentication to the endpoint from the Advanced field or the discovered metadata.
import type { ResultRow, TokenKind } from '../../shared/token-actions';
import { introspectionBindingRow } from '../mtls/certificate-binding';
import { introspectionJktRow } from '../dpop/dpop-binding';
import { newResult, requireEndpoint, type ActionContext, type ActionOutcome } from './action-context';
import { parseJsonObject, refusal, statusLine } from './answer';
import { clientActionPost } from './client-post';
import { runHttpStep } from './http-step';

const TOKEN_LABEL: Record<TokenKind, string> = { access_token: 'access token', refresh_token: 'refresh token' };

function clientPost(ctx: ActionContext, url: string, token: string, kind: TokenKind) {
  return clientActionPost(ctx, {
    url,
    params: [
      ['token', token],
      ['token_type_hint', kind],
    ],
  });
}

export async function revokeToken(ctx: ActionContext, token: string, kind: TokenKind): Promise<ActionOutcome & { revoked?: { status: number } }> {
  const title = `Revoke ${TOKEN_LABEL[kind]}`;
  const step = await runHttpStep('revoke', await clientPost(ctx, requireEndpoint(ctx.settings, 'revoke'), token, kind), ctx.http);
  const at = ctx.http.now();
  if (!step.ok) return { trace: step.trace, result: newResult('revoke', title, at, { outcome: 'failed', summary: step.error.message, error: step.error }) };
  const error = refusal(step.answer, 'The revocation endpoint');
  if (error) return { trace: step.trace, result: newResult('revoke', title, at, { outcome: 'failed', summary: error.message, error }) };
  return {
    trace: step.trace,
    revoked: { status: step.answer.status },
    result: newResult('revoke', title, at, {
      outcome: 'ok',
      // RFC 7009 2.2: 200 also for a token the server did not know, so success is not proof.
      summary: `Revoked: the revocation endpoint answered ${statusLine(step.answer)}. It answers the same for a token it did not know (RFC 7009 2.2): Introspect to see that it is no longer active.`,
      rows: [
        { name: 'Token', value: TOKEN_LABEL[kind] },
        { name: 'Answer', value: statusLine(step.answer), verdict: 'ok' },
      ],
    }),
  };
}

const seconds = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null);

function timeRow(name: string, value: unknown, now: Date): ResultRow | null {
  const s = seconds(value);
  if (s === null) return null;
  const date = new Date(s * 1000);
  const past = date.getTime() <= now.getTime();
  return { name, value: `${date.toISOString()} (${s})${name === 'exp' && past ? ' — in the past' : ''}`, ...(name === 'exp' ? { verdict: past ? ('bad' as const) : ('ok' as const) } : {}) };
}

export async function introspectToken(ctx: ActionContext, token: string, kind: TokenKind): Promise<ActionOutcome & { active?: boolean }> {
  const title = `Introspect ${TOKEN_LABEL[kind]}`;
  const step = await runHttpStep('introspect', await clientPost(ctx, requireEndpoint(ctx.settings, 'introspect'), token, kind), ctx.http);
  const at = ctx.http.now();
  if (!step.ok) return { trace: step.trace, result: newResult('introspect', title, at, { outcome: 'failed', summary: step.error.message, error: step.error }) };
  const error = refusal(step.answer, 'The introspection endpoint');
  const json = parseJsonObject(step.answer.body.trim());
  if (error || !json || typeof json.active !== 'boolean') {
    const shown = error ?? { kind: 'invalid_token_response' as const, httpStatus: step.answer.status, message: 'The introspection endpoint answered without a boolean "active" member (RFC 7662 2.2).', raw: step.answer.body };
    return { trace: step.trace, result: newResult('introspect', title, at, { outcome: 'failed', summary: shown.message, error: shown }) };
  }
  const rows: ResultRow[] = [{ name: 'active', value: String(json.active), verdict: json.active ? 'ok' : 'bad' }];
  for (const [name, value] of Object.entries(json)) {
    if (name === 'active') continue;
    const row = ['exp', 'iat', 'nbf'].includes(name) ? timeRow(name, value, at) : { name, value: typeof value === 'string' ? value : JSON.stringify(value) };
    if (row) rows.push(row);
  }
  const jktRow = await introspectionJktRow(json, ctx.keys?.dpopKey);
  if (jktRow) rows.push(jktRow);
  const binding = introspectionBindingRow(json, ctx.keys?.clientCertificate);
  if (binding) rows.push(binding);
  if (json.active && typeof json.client_id === 'string' && json.client_id !== ctx.settings.clientId) {
    rows.push({ name: 'client_id check', value: `issued to ${json.client_id}, not to this client (${ctx.settings.clientId})`, verdict: 'warning' });
  }
  const summary = json.active
    ? `Active: the IdP says this ${TOKEN_LABEL[kind]} is valid${typeof json.exp === 'number' ? ` until ${new Date(json.exp * 1000).toLocaleString('en')}` : ''}.`
    : `Inactive: the IdP says this ${TOKEN_LABEL[kind]} is not active (revoked, expired, or unknown to it) — active: false.`;
  return { trace: step.trace, active: json.active, result: newResult('introspect', title, at, { outcome: json.active ? 'ok' : 'warning', summary, rows }) };
}
