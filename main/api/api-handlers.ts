// The contract's methods, implemented once over the services. Inputs arrive already validated by
// dispatch(); here we enforce what a schema cannot: settings that can start a flow, and where the
// client secret comes from (main only). Profile and secret methods live in the store layer.
import { APP_SCHEME } from '../../shared/app-identity';
import type { ApiHandlers, ClientSecretChoice } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { AuthorizeMode } from '../../shared/settings';
import { checkSettings } from '../../shared/settings-validation';
import type { FlowEngine } from '../flow/flow-engine';
import { createImportHandlers } from '../import/import-handlers';
import { createProfileHandlers } from '../store/profile-handlers';
import type { ProfileStore } from '../store/profile-store';
import type { SecretStore } from '../store/secret-store';

export interface ApiHandlerDeps {
  engine: FlowEngine;
  profiles: ProfileStore;
  secrets: SecretStore;
  runtime: 'electron' | 'web';
  authorizeModes: AuthorizeMode[];
  version: string;
  clearCookies: () => Promise<void>;
}

export function createApiHandlers(deps: ApiHandlerDeps): ApiHandlers {
  const { engine, profiles, secrets } = deps;

  async function resolveSecret(choice: ClientSecretChoice, profileId: string | null): Promise<string | null> {
    switch (choice.source) {
      case 'none':
        return null;
      case 'once':
        return choice.value;
      case 'stored': {
        if (!profileId) throw new ApiError('invalid_input', 'A stored client secret needs a saved profile: save the profile first, or enter the secret for this flow only.');
        await profiles.get(profileId);
        const secret = await secrets.get(profileId);
        if (secret === null) throw new ApiError('not_found', 'No client secret is stored for this profile. Enter it in Client Secret, or leave it empty for a public client.');
        return secret;
      }
    }
  }

  return {
    ...createProfileHandlers({ profiles, secrets }),
    ...createImportHandlers({ profiles, secrets }),
    async getAppInfo() {
      return {
        runtime: deps.runtime,
        version: deps.version,
        platform: process.platform,
        scheme: APP_SCHEME,
        authorizeModes: deps.authorizeModes,
        keychain: await secrets.status(),
      };
    },
    async startFlow({ settings, profileId, clientSecret }) {
      const { errors } = checkSettings(settings, deps.authorizeModes);
      if (errors.length > 0) {
        throw new ApiError('invalid_settings', `The form cannot start a flow yet: ${errors.map((e) => e.message).join(' ')}`, errors);
      }
      const secret = await resolveSecret(clientSecret, profileId);
      return engine.start({ settings, profileId, clientSecret: secret });
    },
    async cancelFlow({ flowId }) {
      return engine.cancel(flowId);
    },
    async submitRedirect({ url }) {
      try {
        new URL(url);
      } catch {
        throw new ApiError('invalid_input', 'That is not a URL: paste the whole address the browser ended on, starting with its scheme (https://, http:// or the app scheme).');
      }
      const outcome = await engine.handleRedirect(url, 'manual');
      if (!outcome.accepted) throw new ApiError('conflict', outcome.reason);
      const snapshot = engine.get(outcome.flowId);
      if (!snapshot) throw new ApiError('not_found', 'The flow ended before its snapshot could be read.');
      return snapshot;
    },
    async listFlows() {
      return engine.list();
    },
    async clearCookies() {
      await deps.clearCookies();
      return { cleared: true };
    },
  };
}
