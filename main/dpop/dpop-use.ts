// When a request carries a DPoP proof: token requests (code exchange, refresh) whenever the profile
// has DPoP on; requests presenting the access token (UserInfo, Call API) when that token is
// DPoP-bound (token_type DPoP), then with `Authorization: DPoP <token>` (RFC 9449 7.1).
import { ApiError } from '../../shared/errors';
import type { TokenResult } from '../../shared/flow-types';
import type { FlowSettings } from '../../shared/settings';
import type { ClientKeys } from '../keys/key-material';
import type { DpopUse } from './dpop-send';

export const isDpopBound = (tokens: Pick<TokenResult, 'tokenType'>): boolean => tokens.tokenType?.toLowerCase() === 'dpop';

/** Proofs for the token endpoint; an error when DPoP is on but no key was resolved (a bug, or a failed keychain read). */
export function tokenEndpointDpop(settings: Pick<FlowSettings, 'dpop'>, keys: ClientKeys | undefined, now: () => Date): DpopUse | undefined {
  if (!settings.dpop) return undefined;
  if (!keys?.dpopKey) throw new ApiError('invalid_settings', 'DPoP is on, but no DPoP key could be read for this profile: untick DPoP, or save the profile and try again.');
  return { key: keys.dpopKey, now };
}

/** Proofs for a request presenting a DPoP-bound access token; undefined for a bearer token. */
export function accessTokenDpop(tokens: TokenResult, keys: ClientKeys | undefined, now: () => Date): DpopUse | undefined {
  if (!isDpopBound(tokens)) return undefined;
  if (!keys?.dpopKey) throw new ApiError('invalid_settings', 'This access token is DPoP-bound (token_type DPoP): it works only with a DPoP proof from its key. Tick DPoP in Advanced so the profile\'s key signs one.');
  return { key: keys.dpopKey, accessToken: tokens.accessToken ?? '', now };
}

/** The Authorization header presenting the access token: DPoP scheme for a bound token, else Bearer. */
export function accessTokenAuthorization(tokens: TokenResult, dpop: DpopUse | undefined): string {
  return `${dpop ? 'DPoP' : 'Bearer'} ${tokens.accessToken ?? ''}`;
}
