// A signed UserInfo response (OpenID Connect Core 5.3.2, `application/jwt`): its signature checked
// with jose against the IdP's JWKS (JWKS URI, else the discovered jwks_uri), fetched through the same
// HTTP client and traced; then iss and aud, which a signed response should carry.
// NOTE for merging: the ID token validation work exports its own JWKS verification (main/oidc/); this
// module is small on purpose so the two can become one.
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { TraceEntry } from '../../shared/flow-types';
import type { FlowSettings } from '../../shared/settings';
import type { ResultRow } from '../../shared/token-actions';
import { parseJsonObject } from './answer';
import { runHttpStep, type HttpSettings } from './http-step';

export interface SignedUserInfo {
  trace: TraceEntry[];
  rows: ResultRow[];
  /** True only when the signature verified against the JWKS. */
  verified: boolean;
}

export function jwksUriOf(settings: FlowSettings): string | undefined {
  const uri = settings.jwksUri.trim() || settings.metadata?.metadata.jwks_uri?.trim();
  return uri || undefined;
}

export async function verifySignedUserInfo(jwt: string, payload: Record<string, unknown>, settings: FlowSettings, http: HttpSettings): Promise<SignedUserInfo> {
  const rows: ResultRow[] = [];
  const trace: TraceEntry[] = [];
  const jwksUri = jwksUriOf(settings);
  let verified = false;
  if (!jwksUri) {
    rows.push({ name: 'Signature', value: 'not checked: no JWKS URI (fill JWKS URI in Advanced, or press Discover)', verdict: 'warning' });
  } else {
    const step = await runHttpStep('userinfo', { url: jwksUri, method: 'GET', headers: { accept: 'application/json' }, bodyParams: [], clientAuth: 'none', clientId: settings.clientId }, http);
    trace.push(...step.trace);
    const jwks = step.ok ? parseJsonObject(step.answer.body) : null;
    if (!jwks || !Array.isArray(jwks.keys)) {
      rows.push({ name: 'Signature', value: `not checked: the JWKS at ${jwksUri} could not be read`, verdict: 'bad' });
    } else {
      try {
        const { protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks as unknown as JSONWebKeySet));
        verified = true;
        rows.push({ name: 'Signature', value: `valid (${protectedHeader.alg}${protectedHeader.kid ? `, kid ${protectedHeader.kid}` : ''}) against ${jwksUri}`, verdict: 'ok' });
      } catch (err) {
        rows.push({ name: 'Signature', value: `INVALID: ${err instanceof Error ? err.message : String(err)}`, verdict: 'bad' });
      }
    }
  }
  const issuer = settings.metadata?.metadata.issuer || settings.issuer.trim();
  if (typeof payload.iss !== 'string') rows.push({ name: 'iss', value: 'missing (a signed UserInfo response should carry iss, OIDC Core 5.3.2)', verdict: 'warning' });
  else if (issuer) rows.push({ name: 'iss', value: payload.iss === issuer ? `${payload.iss} (the issuer)` : `${payload.iss}, expected ${issuer}`, verdict: payload.iss === issuer ? 'ok' : 'bad' });
  const aud = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud.filter((a): a is string => typeof a === 'string') : [];
  if (aud.length === 0) rows.push({ name: 'aud', value: 'missing (a signed UserInfo response should carry aud, OIDC Core 5.3.2)', verdict: 'warning' });
  else rows.push({ name: 'aud', value: aud.includes(settings.clientId) ? `${aud.join(' ')} (this client)` : `${aud.join(' ')}, not this client (${settings.clientId})`, verdict: aud.includes(settings.clientId) ? 'ok' : 'bad' });
  return { trace, rows, verified };
}
