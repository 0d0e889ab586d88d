// The trace's view of a client assertion: its header and payload decoded, so a tester sees exactly
// what was signed (iss, sub, aud, jti, iat, exp, alg, kid) beside the request that carried it.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { DecodedAssertion } from '../../shared/flow-types';
import type { TokenRequest } from '../../shared/token-request';

export function tracedAssertion(request: Pick<TokenRequest, 'bodyParams'>): { clientAssertion?: DecodedAssertion } {
  const assertion = request.bodyParams.find(([name]) => name === 'client_assertion')?.[1];
  if (assertion === undefined) return {};
  try {
    return { clientAssertion: { header: { ...decodeProtectedHeader(assertion) }, payload: { ...decodeJwt(assertion) } } };
  } catch {
    return {}; // made by main a moment ago, so always decodable; the raw value stays in the body either way
  }
}
