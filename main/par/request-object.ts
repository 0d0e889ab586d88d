// Signed request objects (RFC 9101, JAR): the authorization parameters as the claims of a JWT signed
// with the profile's signing key, typ oauth-authz-req+jwt (RFC 9101 10.8), iss = client_id, aud = the
// issuer, iat / nbf / exp and a fresh jti. jose signs. A parameter given twice (e.g. RFC 8707
// resource) becomes an array; max_age a number and claims an object, as OIDC Core 6.1 has them.
// The user's own parameters win over the registered claims, as they do in the URL, so a tester can
// send a wrong aud or iss on purpose.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKeyMaterial } from '../keys/key-material';

export const REQUEST_OBJECT_TYP = 'oauth-authz-req+jwt';
/** Well under FAPI 2.0's 60 minutes between nbf and exp; oidc-provider keeps a pushed one 60 s. */
export const REQUEST_OBJECT_LIFETIME_SECONDS = 300;

export interface RequestObjectInput {
  params: [string, string][];
  clientId: string;
  audience: string;
  signingKey: SigningKeyMaterial;
  now: Date;
}

export interface RequestObject {
  jwt: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

export async function createRequestObject(input: RequestObjectInput): Promise<RequestObject> {
  const iat = Math.floor(input.now.getTime() / 1000);
  const payload: Record<string, unknown> = {
    iss: input.clientId,
    aud: input.audience,
    iat,
    nbf: iat,
    exp: iat + REQUEST_OBJECT_LIFETIME_SECONDS,
    jti: randomUUID(),
    ...paramsAsClaims(input.params),
  };
  const key = input.signingKey;
  const header = { alg: key.alg, typ: REQUEST_OBJECT_TYP, ...(key.kid ? { kid: key.kid } : {}) };
  const jwt = await new SignJWT(payload).setProtectedHeader(header).sign(key.privateKey);
  return { jwt, header, payload };
}

export function paramsAsClaims(params: [string, string][]): Record<string, unknown> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of params) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  const claims: Record<string, unknown> = {};
  for (const [name, values] of grouped) claims[name] = values.length > 1 ? values : claimValue(name, values[0]!);
  return claims;
}

function claimValue(name: string, value: string): unknown {
  if (name === 'max_age' && /^\d+$/.test(value)) return Number(value);
  if (name === 'claims') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: sent as the string it is, for the IdP to judge.
    }
  }
  return value;
}
