// Refresh (RFC 6749 6): grant_type=refresh_token to the Refresh Token URL (else the Access Token
// URL), authenticated as the token request, with the extra refresh parameters (and a DPoP proof when
// the profile uses DPoP: refresh tokens of public clients are bound to the key). Also the negative test
// of RFC 9700 4.14.2: sending a refresh token that was already rotated must get invalid_grant.
import type { TokenResult } from '../../shared/flow-types';
import { interpretTokenResponse } from '../flow/token-response';
import { addCertificateBinding } from '../mtls/certificate-binding';
import { newResult, requireEndpoint, type ActionContext, type ActionOutcome } from './action-context';
import { bindRefreshedTokens } from '../dpop/dpop-binding';
import { runDpopStep } from '../dpop/dpop-send';
import { tokenEndpointDpop } from '../dpop/dpop-use';
import { clientActionPost } from './client-post';

export interface RefreshOutcome extends ActionOutcome {
  /** The new tokens, when the IdP gave some. */
  tokens?: TokenResult;
  /** true: a new refresh token came back; false: the same one; null: none (the previous one is kept). */
  rotated?: boolean | null;
}

export async function refreshTokens(ctx: ActionContext, refreshToken: string, reuse: boolean): Promise<RefreshOutcome> {
  const { settings, http } = ctx;
  const kind = reuse ? 'reuse-refresh' : 'refresh';
  const title = reuse ? 'Reuse previous refresh token' : 'Refresh';
  // RFC 6749 6, authenticated as the token request is.
  const post = {
    url: requireEndpoint(settings, 'refresh'),
    params: [
      ['grant_type', 'refresh_token'],
      ['refresh_token', refreshToken],
    ] as [string, string][],
    extraParams: settings.extraRefreshParams,
    origin: settings.tokenRequestOrigin,
  };
  const request = await clientActionPost(ctx, post);
  const step = await runDpopStep(kind, request, http, tokenEndpointDpop(settings, ctx.keys, http.now), () => clientActionPost(ctx, post));
  const at = http.now();
  if (!step.ok) return { trace: step.trace, result: newResult(kind, title, at, { outcome: 'failed', summary: step.error.message, error: step.error }) };

  const interpreted = interpretTokenResponse(step.answer, at.toISOString());
  if (!interpreted.ok) {
    const error = { ...interpreted.error };
    if (error.kind === 'oauth_error') {
      // The token endpoint's hints speak of authorization codes; a refresh has its own explanations.
      delete error.hint;
      error.message = `The IdP refused the refresh token: ${error.error}${error.errorDescription ? ` (${error.errorDescription})` : ''}.`;
    }
    if (reuse && error.error === 'invalid_grant') {
      return {
        trace: step.trace,
        result: newResult(kind, title, at, {
          outcome: 'ok',
          summary: 'As expected: the IdP refused the already-rotated refresh token with invalid_grant (RFC 9700 4.14.2).',
          rows: [{ name: 'Reuse detected', value: 'yes (invalid_grant)', verdict: 'ok' }],
          error,
        }),
      };
    }
    return { trace: step.trace, result: newResult(kind, title, at, { outcome: 'failed', summary: error.message, error }) };
  }

  const tokens = interpreted.tokens;
  if (settings.dpop && ctx.keys?.dpopKey) step.trace.push(await bindRefreshedTokens(tokens, ctx.keys.dpopKey, at));
  if (ctx.keys?.clientCertificate) addCertificateBinding((tokens.validation ??= {}), tokens.accessToken, ctx.keys.clientCertificate);
  const rotated = tokens.refreshToken === undefined ? null : tokens.refreshToken !== refreshToken;
  // Without a new one, the refresh token used stays the one to refresh with (RFC 6749 6).
  if (tokens.refreshToken === undefined) tokens.refreshToken = refreshToken;
  const rotation =
    rotated === true ? 'the refresh token was rotated (a new one replaces the one sent)' : rotated === false ? 'the refresh token was not rotated (the same one came back)' : 'no refresh token came back, so the one sent is kept';
  const rows = [
    { name: 'Refresh token rotated', value: rotated === true ? 'yes' : rotated === false ? 'no' : 'no new one sent', verdict: rotated === true ? ('ok' as const) : ('info' as const) },
    ...(tokens.expiresIn !== undefined ? [{ name: 'Expires in', value: `${tokens.expiresIn} s` }] : []),
    ...(tokens.scope !== undefined ? [{ name: 'Scope', value: tokens.scope }] : []),
  ];
  if (reuse) {
    return {
      trace: step.trace,
      tokens,
      rotated,
      result: newResult(kind, title, at, {
        outcome: 'warning',
        summary: 'The IdP accepted a refresh token that had already been rotated: it does not detect refresh token reuse (RFC 9700 4.14.2 asks it to refuse, and to revoke the token family).',
        rows: [{ name: 'Reuse detected', value: 'no: new tokens were issued', verdict: 'bad' }, ...rows],
      }),
    };
  }
  return { trace: step.trace, tokens, rotated, result: newResult(kind, title, at, { outcome: 'ok', summary: `New tokens received; ${rotation}.`, rows }) };
}
