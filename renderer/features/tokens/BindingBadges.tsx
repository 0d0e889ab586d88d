// The token list's word on whether an entry's tokens are sender-constrained: bound to the DPoP key
// (RFC 9449) or to the client certificate presented (RFC 8705), as the binding panels under the
// token found; the reason is the badge's title. Nothing when neither was used.
import type { TokenResult } from '../../../shared/flow-types';
import { BINDING_CHECKS, type Verdict } from '../../../shared/oidc/check-rows';

export interface BindingBadge {
  label: string;
  tone: 'ok' | 'bad' | 'neutral';
  reason: string;
}

type Row = { verdict: Verdict; reason: string };

function badge(rows: Row[], words: { bound: string; notBound: string; unchecked: string }): BindingBadge | null {
  if (rows.length === 0) return null;
  const failed = rows.find((r) => r.verdict === 'fail');
  if (failed) return { label: words.notBound, tone: 'bad', reason: failed.reason };
  const unchecked = rows.find((r) => r.verdict === 'not checked');
  if (unchecked) return { label: words.unchecked, tone: 'neutral', reason: unchecked.reason };
  return { label: words.bound, tone: 'ok', reason: rows.map((r) => r.reason).join(' ') };
}

export function bindingBadges(tokens: TokenResult): BindingBadge[] {
  // token_type DPoP is the IdP saying the token is bound; only cnf.jkt can be "not checked" (an opaque token).
  const dpop = badge(tokens.dpop?.rows ?? [], { bound: 'DPoP-bound', notBound: 'DPoP not bound', unchecked: 'DPoP-bound, key unchecked' });
  const certificateRows = (tokens.validation?.accessToken?.rows ?? []).filter((r) => r.name === BINDING_CHECKS[0]);
  const certificate = badge(certificateRows, { bound: 'Certificate-bound', notBound: 'Not certificate-bound', unchecked: 'Certificate binding unchecked' });
  return [dpop, certificate].filter((b): b is BindingBadge => b !== null);
}

export function BindingBadges({ tokens }: { tokens: TokenResult }) {
  return bindingBadges(tokens).map((b) => (
    <span key={b.label} className={b.tone === 'neutral' ? 'badge' : `badge badge-${b.tone}`} title={b.reason}>
      {b.label}
    </span>
  ));
}
