// UserInfo (OpenID Connect Core 5.3): GET with the access token as a Bearer header (a DPoP-bound
// token: DPoP header and proof, RFC 9449 7); the claims shown, a signed JWT answer verified, and a
// `sub` differing from the ID token's flagged (5.3.4: the response must then not be used).
import type { TokenResult } from '../../shared/flow-types';
import { decodeJwtForDisplay } from '../../shared/jwt';
import type { ResultRow } from '../../shared/token-actions';
import { newResult, requireEndpoint, type ActionContext, type ActionOutcome } from './action-context';
import { parseJsonObject, refusal } from './answer';
import { runDpopStep } from '../dpop/dpop-send';
import { accessTokenAuthorization, accessTokenDpop } from '../dpop/dpop-use';
import { JwksCache } from '../oidc/jwks-cache';
import { verifySignedUserInfo } from './userinfo-jwt';

const bodyPreview = (text: string, contentType: string, truncated: boolean) => ({ text, contentType, truncated });

export async function fetchUserInfo(ctx: ActionContext, tokens: TokenResult): Promise<ActionOutcome> {
  const { settings, http } = ctx;
  const title = 'UserInfo';
  const url = requireEndpoint(settings, 'userinfo');
  const dpop = accessTokenDpop(tokens, ctx.keys, http.now);
  const request = { url, method: 'GET', headers: { authorization: accessTokenAuthorization(tokens, dpop), accept: 'application/json, application/jwt' }, bodyParams: [], clientAuth: 'bearer' as const, clientId: settings.clientId };
  const step = await runDpopStep('userinfo', request, http, dpop);
  if (!step.ok) return { trace: step.trace, result: newResult('userinfo', title, http.now(), { outcome: 'failed', summary: step.error.message, error: step.error }) };
  const { answer } = step;
  const trace = [...step.trace];
  const error = refusal(answer, 'The UserInfo endpoint');
  if (error) return { trace, result: newResult('userinfo', title, http.now(), { outcome: 'failed', summary: error.message, error }) };

  const contentType = answer.headers['content-type'] ?? '';
  const rows: ResultRow[] = [];
  let claims: Record<string, unknown> | null;
  let signed = false;
  if (/application\/jwt/i.test(contentType) || /^[\w-]+\.[\w-]+\.[\w-]*$/.test(answer.body.trim())) {
    const decoded = decodeJwtForDisplay(answer.body.trim());
    if (!decoded.ok) {
      const failure = { kind: 'invalid_token_response' as const, httpStatus: answer.status, message: `The UserInfo endpoint answered a JWT that cannot be read: ${decoded.reason}`, raw: answer.body };
      return { trace, result: newResult('userinfo', title, http.now(), { outcome: 'failed', summary: failure.message, error: failure }) };
    }
    signed = true;
    claims = decoded.payload;
    const verification = await verifySignedUserInfo(answer.body.trim(), decoded.header, decoded.payload, settings, ctx.jwks ?? new JwksCache(http), http.now);
    trace.push(...verification.trace);
    rows.push({ name: 'Response', value: 'a signed JWT (application/jwt)', verdict: 'info' }, ...verification.rows);
  } else {
    claims = parseJsonObject(answer.body.trim());
    if (!claims) {
      const failure = { kind: 'non_json' as const, httpStatus: answer.status, message: `The UserInfo endpoint answered ${contentType || 'no content type'} that is neither a JSON object nor a JWT.`, raw: answer.body };
      return { trace, result: newResult('userinfo', title, http.now(), { outcome: 'failed', summary: failure.message, error: failure }) };
    }
  }

  const idSub = tokens.idToken ? decodeJwtForDisplay(tokens.idToken) : undefined;
  const expectedSub = idSub?.ok && typeof idSub.payload.sub === 'string' ? idSub.payload.sub : undefined;
  let subMismatch = false;
  if (typeof claims.sub !== 'string') rows.push({ name: 'sub check', value: 'the response has no sub: OIDC Core 5.3.2 requires one', verdict: 'bad' });
  else if (expectedSub === undefined) rows.push({ name: 'sub check', value: 'no ID token to compare with', verdict: 'info' });
  else if (claims.sub !== expectedSub) {
    subMismatch = true;
    rows.push({ name: 'sub check', value: `DIFFERS from the ID token's sub (${expectedSub}): the response must not be used (OIDC Core 5.3.4)`, verdict: 'bad' });
  } else rows.push({ name: 'sub check', value: "matches the ID token's sub", verdict: 'ok' });
  for (const [name, value] of Object.entries(claims)) rows.push({ name, value: typeof value === 'string' ? value : JSON.stringify(value) });

  const badSignature = signed && rows.some((r) => r.name === 'Signature' && r.verdict === 'bad');
  const outcome = subMismatch || badSignature ? 'warning' : 'ok';
  const who = typeof claims.name === 'string' ? claims.name : typeof claims.sub === 'string' ? claims.sub : 'the user';
  const summary = subMismatch
    ? `Warning: the UserInfo sub differs from the ID token's sub (OIDC Core 5.3.4); these claims must not be used.`
    : badSignature
      ? 'Warning: the signed UserInfo response did not verify.'
      : `Claims about ${who}${signed ? ' (signed JWT)' : ''}.`;
  const shownBody = signed ? JSON.stringify(claims, null, 2) : answer.body;
  return { trace, result: newResult('userinfo', title, http.now(), { outcome, summary, rows, body: bodyPreview(shownBody, signed ? 'application/json (JWT payload)' : contentType, answer.truncated) }) };
}
