// The issuer identifier the IdP's answers are compared with: the discovered metadata's `issuer`
// (discovery already checked it against the typed one), else the Issuer field as typed.
import type { FlowSettings } from '../settings';

export function expectedIssuer(settings: Pick<FlowSettings, 'issuer' | 'metadata'>): string {
  return settings.metadata?.metadata.issuer ?? settings.issuer.trim();
}

/** Where the issuer's signing keys are: the JWKS URI field as typed, else the discovered `jwks_uri`; '' when neither. */
export function issuerJwksUri(settings: Pick<FlowSettings, 'jwksUri' | 'metadata'>): string {
  return settings.jwksUri.trim() || (settings.metadata?.metadata.jwks_uri?.trim() ?? '');
}
