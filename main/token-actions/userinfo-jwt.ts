// A signed UserInfo response (OpenID Connect Core 5.3.2, `application/jwt`): its signature checked
// the way the flow checks an ID token's (main/oidc/jws-signature.ts), with the same per-issuer JWKS
// cache, so keys fetched for the flow are reused and a rotated key is fetched again once; the alg
// held against the IdP's userinfo_signing_alg_values_supported when it lists one. Then iss and aud,
// which a signed response should carry.
import type { TraceEntry } from '../../shared/flow-types';
import { expectedIssuer, issuerJwksUri } from '../../shared/oidc/issuer';
import type { CheckRow } from '../../shared/oidc/check-rows';
import type { FlowSettings } from '../../shared/settings';
import type { ResultRow } from '../../shared/token-actions';
import { checkSignature } from '../oidc/jws-signature';
import type { JwksCache } from '../oidc/jwks-cache';

export interface SignedUserInfo {
  trace: TraceEntry[];
  rows: ResultRow[];
  /** True only when the signature verified. */
  verified: boolean;
}

const VERDICT_OF: Record<CheckRow['verdict'], ResultRow['verdict']> = { pass: 'ok', fail: 'bad', 'not checked': 'warning' };

export async function verifySignedUserInfo(jwt: string, header: Record<string, unknown>, payload: Record<string, unknown>, settings: FlowSettings, jwks: JwksCache, now: () => Date): Promise<SignedUserInfo> {
  const issuer = expectedIssuer(settings);
  const listed = settings.metadata?.metadata.userinfo_signing_alg_values_supported ?? [];
  const signature = await checkSignature(jwt, header, {
    // Discovery's list is optional: without one, any asymmetric alg is taken (alg "none" never is).
    allowedAlgs: listed.length > 0 ? listed : 'any',
    // The client secret is not resolved for UserInfo (it is sent nowhere there): HS* answers are not checked.
    hmacSecret: { unavailable: `${String(header.alg)} is checked with the client secret, which the UserInfo check does not use` },
    issuer,
    jwksUri: issuerJwksUri(settings),
    jwks,
  });
  const at = now().toISOString();
  const trace: TraceEntry[] = signature.notes.map((message) => ({ kind: 'note', at, level: 'info', message }));
  const { verdict, reason } = signature.row;
  const rows: ResultRow[] = [{ name: 'Signature', value: verdict === 'not checked' ? `not checked: ${reason}` : reason, verdict: VERDICT_OF[verdict] }];

  if (typeof payload.iss !== 'string') rows.push({ name: 'iss', value: 'missing (a signed UserInfo response should carry iss, OIDC Core 5.3.2)', verdict: 'warning' });
  else if (issuer) rows.push({ name: 'iss', value: payload.iss === issuer ? `${payload.iss} (the issuer)` : `${payload.iss}, expected ${issuer}`, verdict: payload.iss === issuer ? 'ok' : 'bad' });
  const aud = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud.filter((a): a is string => typeof a === 'string') : [];
  if (aud.length === 0) rows.push({ name: 'aud', value: 'missing (a signed UserInfo response should carry aud, OIDC Core 5.3.2)', verdict: 'warning' });
  else rows.push({ name: 'aud', value: aud.includes(settings.clientId) ? `${aud.join(' ')} (this client)` : `${aud.join(' ')}, not this client (${settings.clientId})`, verdict: aud.includes(settings.clientId) ? 'ok' : 'bad' });
  return { trace, rows, verified: verdict === 'pass' };
}
