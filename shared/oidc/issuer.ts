// The issuer identifier the IdP's answers are compared with: the discovered metadata's `issuer`
// (discovery already checked it against the typed one), else the Issuer field as typed.
import type { FlowSettings } from '../settings';

export function expectedIssuer(settings: Pick<FlowSettings, 'issuer' | 'metadata'>): string {
  return settings.metadata?.metadata.issuer ?? settings.issuer.trim();
}
