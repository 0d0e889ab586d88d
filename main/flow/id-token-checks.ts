// Checks on the tokens that concern this client's own request (OIDC Core 3.1.3.7): that an ID token
// came back when `openid` was asked for, and that it carries the nonce this flow sent. Reported as
// trace notes, not failures: the inspector shows the tokens either way and says what is wrong.
import { decodeJwtForDisplay } from '../../shared/jwt';
import type { TokenResult } from '../../shared/flow-types';

export interface IdTokenNote {
  level: 'info' | 'warning';
  message: string;
}

export function checkIdToken(tokens: TokenResult, sentNonce: string | undefined, openIdRequested: boolean, now: Date): IdTokenNote[] {
  if (tokens.idToken === undefined) {
    return openIdRequested
      ? [{ level: 'warning', message: 'The scope included openid but the token response has no id_token: the IdP did not treat this as an OpenID Connect request.' }]
      : [];
  }
  const decoded = decodeJwtForDisplay(tokens.idToken, now);
  if (!decoded.ok) return [{ level: 'warning', message: `The id_token could not be decoded: ${decoded.reason}` }];
  if (sentNonce === undefined) return [];
  const nonce = decoded.payload.nonce;
  if (nonce === undefined) {
    return [{ level: 'warning', message: 'The id_token has no nonce claim although this flow sent one; OIDC Core 3.1.3.7 requires the IdP to echo it.' }];
  }
  if (nonce !== sentNonce) {
    return [{ level: 'warning', message: `The id_token nonce (${JSON.stringify(nonce)}) differs from the nonce this flow sent: the ID token was not issued for this request (replayed or mixed up).` }];
  }
  return [{ level: 'info', message: 'The id_token nonce matches the nonce this flow sent.' }];
}
