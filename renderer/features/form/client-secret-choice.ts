// Which client secret a flow uses. The renderer never reads a stored secret back: it only says
// "use the stored one", or hands over a secret the user typed for this flow.
import type { ClientSecretChoice } from '../../../shared/contract';

export interface SecretSituation {
  /** What is in the Client Secret field now (typed, not saved). */
  typed: string;
  /** The current profile has a secret in the keychain. */
  hasStored: boolean;
  keychainAvailable: boolean;
}

export function chooseClientSecret({ typed, hasStored, keychainAvailable }: SecretSituation): ClientSecretChoice {
  if (typed !== '') return { source: 'once', value: typed };
  if (hasStored && keychainAvailable) return { source: 'stored' };
  return { source: 'none' };
}
