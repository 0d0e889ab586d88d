// The token list's verdict on an entry's ID token: invalid as soon as one check failed.
import type { TokenResult } from '../../../shared/flow-types';
import { reportValid } from '../../../shared/oidc/check-rows';

export function IdTokenBadge({ tokens }: { tokens: TokenResult }) {
  const report = tokens.validation?.idToken;
  if (tokens.idToken === undefined || !report) return null;
  return reportValid(report) ? <span className="badge badge-ok">ID token valid</span> : <span className="badge badge-bad">ID token invalid</span>;
}
