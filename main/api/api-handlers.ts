// The contract's methods, implemented once over the services. Inputs arrive already validated by
// dispatch(); here we enforce what a schema cannot: settings that can start a flow, and where the
// client secret comes from (main only, see resolve-secret.ts). Profile and secret methods live in the store layer.
import { APP_SCHEME } from '../../shared/app-identity';
import type { ApiHandlers } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { AuthorizeMode, FlowSettings } from '../../shared/settings';
import { checkSettings } from '../../shared/settings-validation';
import type { FlowEngine } from '../flow/flow-engine';
import { discoverMetadata, type DiscoverOptions } from '../oidc/discovery';
import { createDpopHandlers } from '../dpop/dpop-handlers';
import { createImportHandlers } from '../import/import-handlers';
import type { KeyStore } from '../keys/key-store';
import { resolveClientKeys } from '../keys/resolve-client-keys';
import { createCertificateHandlers } from '../mtls/certificate-handlers';
import { createSigningKeyHandlers } from '../keys/signing-key-handlers';
import { checkAssertionPrerequisites } from '../client-auth/assertion-prerequisites';
import { createProfileHandlers } from '../store/profile-handlers';
import type { ProfileStore } from '../store/profile-store';
import type { PendingSecretDeletions } from '../store/pending-secret-deletions';
import type { SecretGuard } from '../store/secret-guard';
import type { SecretStore } from '../store/secret-store';
import type { TokenLifecycleService } from '../token-actions/token-lifecycle';
import type { ProbeRunner } from '../probe/probe-runner';
import { createSecretResolver, resolveFlowSecret, type SecretResolver } from './resolve-secret';

export interface ApiHandlerDeps {
  engine: FlowEngine;
  profiles: ProfileStore;
  secrets: SecretStore;
  /** Reads a stored secret only for an endpoint it is bound to. */
  secretGuard: SecretGuard;
  pendingDeletions: PendingSecretDeletions;
  /** Per-profile key material in the keychain (main/keys/). */
  keys: KeyStore;
  runtime: 'electron' | 'web';
  authorizeModes: AuthorizeMode[];
  version: string;
  clearCookies: () => Promise<void>;
  /** Test seams for Discover (e.g. a short timeout). */
  discovery?: DiscoverOptions;
  lifecycle: TokenLifecycleService;
  probe: ProbeRunner;
  /** Default: createSecretResolver over the secret guard. */
  resolveSecret?: SecretResolver;
}

export function createApiHandlers(deps: ApiHandlerDeps): ApiHandlers {
  const { engine, profiles, secrets, secretGuard, pendingDeletions } = deps;

  const resolveSecret = deps.resolveSecret ?? createSecretResolver(secretGuard);

  return {
    ...createProfileHandlers({ profiles, secrets, pendingDeletions, keys: deps.keys }),
    ...createImportHandlers({ profiles, secrets }),
    ...createDpopHandlers({ keys: deps.keys, profiles }),
    ...createCertificateHandlers({ profiles, keys: deps.keys }),
    ...createSigningKeyHandlers({ profiles, keys: deps.keys }),
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
      assertCanStart(settings, deps.authorizeModes);
      const keys = await resolveClientKeys(deps.keys, settings, profileId);
      const secret = await resolveFlowSecret(resolveSecret, clientSecret, profileId, settings);
      checkAssertionPrerequisites(settings, secret);
      const started = await engine.start({ settings, profileId, clientSecret: secret, keys });
      deps.lifecycle.track(started.flowId, { settings, profileId, clientSecret });
      return started;
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
    async exchangeFlow({ flowId, draft }) {
      return deps.lifecycle.onFlowUpdate(await engine.exchange(flowId, draft));
    },
    async exchangeAgain({ flowId }) {
      return deps.lifecycle.onFlowUpdate(await engine.exchangeAgain(flowId));
    },
    async listFlows() {
      return deps.lifecycle.list();
    },
    async tokenAction({ flowId, action, settings, profileId, clientSecret }) {
      // The form need not be able to start a flow now, but a refresh request must be sendable.
      const refreshIssues = checkSettings(settings).errors.filter((e) => e.field === 'extraRefreshParams');
      if (refreshIssues.length > 0) throw new ApiError('invalid_settings', refreshIssues.map((e) => e.message).join(' '), refreshIssues);
      return deps.lifecycle.run(flowId, action, { settings, profileId, clientSecret });
    },
    async startProbe({ settings, profileId, clientSecret }) {
      assertCanStart(settings, deps.authorizeModes);
      const keys = await resolveClientKeys(deps.keys, settings, profileId);
      const secret = await resolveFlowSecret(resolveSecret, clientSecret, profileId, settings);
      checkAssertionPrerequisites(settings, secret);
      return deps.probe.start({ settings, profileId, clientSecret: secret, keys });
    },
    async cancelProbe({ probeId }) {
      return deps.probe.cancel(probeId);
    },
    async getProbe() {
      return { probe: deps.probe.get() ?? null };
    },
    async clearCookies() {
      await deps.clearCookies();
      return { cleared: true };
    },
    async discover({ issuer }) {
      return discoverMetadata(issuer, deps.discovery);
    },
  };
}

function assertCanStart(settings: FlowSettings, modes: AuthorizeMode[]): void {
  const { errors } = checkSettings(settings, modes);
  if (errors.length > 0) throw new ApiError('invalid_settings', `The form cannot start a flow yet: ${errors.map((e) => e.message).join(' ')}`, errors);
}
