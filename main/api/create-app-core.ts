// The composition of main's services behind the contract, shared by both hosts: the Electron shell
// (IPC) and browser mode (HTTP). Hosts add only transport, sender checks and a launcher.
import { ApiError } from '../../shared/errors';
import type { ApiEvents, ApiHandlers, EventName } from '../../shared/contract';
import type { AuthorizeMode } from '../../shared/settings';
import { FlowEngine, type AuthorizationLauncher } from '../flow/flow-engine';
import { ProbeRunner } from '../probe/probe-runner';
import { withCachedKeychainStatus } from '../store/keychain-status-cache';
import { PendingSecretDeletions } from '../store/pending-secret-deletions';
import { ProfileStore } from '../store/profile-store';
import { createSecretGuard, type ConfirmEndpointChange } from '../store/secret-guard';
import { createKeytarKeyStore, type KeyStore } from '../keys/key-store';
import { resolveClientKeys } from '../keys/resolve-client-keys';
import { JwksCache } from '../oidc/jwks-cache';
import { TokenValidator } from '../oidc/token-validator';
import { createKeytarSecretStore, type SecretStore } from '../store/secret-store';
import { TokenLifecycleService } from '../token-actions/token-lifecycle';
import { createApiHandlers } from './api-handlers';
import { createSecretResolver } from './resolve-secret';

export type CoreListener = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;

export interface AppCoreOptions {
  dataDir: string;
  launcher: AuthorizationLauncher;
  runtime: 'electron' | 'web';
  authorizeModes: AuthorizeMode[];
  version?: string;
  /** Forget the embedded window's persistent IdP cookies (Electron only). */
  clearCookies?: () => Promise<void>;
  secretStore?: SecretStore;
  /** Default: the OS keychain through keytar, beside the client secrets. */
  keyStore?: KeyStore;
  /**
   * Asks the user, in main, whether a stored client secret may go to an endpoint it was not saved
   * for (Electron: a native dialog). Absent (browser mode): such a flow is always refused.
   */
  confirmEndpointChange?: ConfirmEndpointChange;
  /** Test seams for the flow engine. */
  flowTtlMs?: number;
  tokenTimeoutMs?: number;
}

export interface AppCore {
  handlers: ApiHandlers;
  engine: FlowEngine;
  profiles: ProfileStore;
  secrets: SecretStore;
  lifecycle: TokenLifecycleService;
  subscribe(listener: CoreListener): () => void;
  dispose(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const listeners = new Set<CoreListener>();
  const emit: CoreListener = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch {
        // One broken listener (a closed window) must not stop the others.
      }
    }
  };
  // The engine's snapshots pass through the token lifecycle (created below; the engine emits only
  // once a flow runs), which adds what happened after the flow.
  // One JWKS cache per issuer for the flow's ID token checks and a signed UserInfo answer alike.
  const jwks = new JwksCache(options.tokenTimeoutMs !== undefined ? { timeoutMs: options.tokenTimeoutMs } : {});
  const engine = new FlowEngine({
    launcher: options.launcher,
    tokenValidator: new TokenValidator(jwks),
    onUpdate: (snapshot) => {
      probe.onFlowUpdate(snapshot);
      emit('flowUpdated', lifecycle.onFlowUpdate(snapshot));
    },
    onNotice: (notice) => emit('notice', notice),
    ...(options.flowTtlMs !== undefined ? { flowTtlMs: options.flowTtlMs } : {}),
    ...(options.tokenTimeoutMs !== undefined ? { tokenTimeoutMs: options.tokenTimeoutMs } : {}),
  });
  const profiles = new ProfileStore({ dataDir: options.dataDir });
  const secrets = withCachedKeychainStatus(options.secretStore ?? createKeytarSecretStore());
  const pendingDeletions = new PendingSecretDeletions({ dataDir: options.dataDir });
  // Secrets of profiles deleted while the keychain was away: tried again now, at start.
  const keys = options.keyStore ?? createKeytarKeyStore();
  // A deleted profile's keychain items (secret and keys) that could not be removed then go now.
  const retried = pendingDeletions
    .retry({
      delete: async (id) => {
        await secrets.delete(id);
        await keys.deleteAll(id);
      },
    })
    .catch(() => undefined);
  const secretGuard = createSecretGuard({ profiles, secrets, ...(options.confirmEndpointChange ? { confirmEndpointChange: options.confirmEndpointChange } : {}) });
  const clearCookies =
    options.clearCookies ??
    (async () => {
      throw new ApiError('unsupported', 'Only the desktop app keeps IdP cookies (embedded window); the system browser keeps its own.');
    });
  const resolveSecret = createSecretResolver(secretGuard);
  const lifecycle = new TokenLifecycleService({
    flows: engine,
    resolveSecret,
    resolveKeys: (settings, profileId) => resolveClientKeys(keys, settings, profileId),
    emit: (snapshot) => emit('flowUpdated', snapshot),
    notice: (notice) => emit('notice', notice),
    signOut: { launcher: options.launcher, clearCookies },
    jwks,
    ...(options.tokenTimeoutMs !== undefined ? { http: { timeoutMs: options.tokenTimeoutMs } } : {}),
  });
  const probe = new ProbeRunner({
    engine,
    emit: (snapshot) => emit('probeUpdated', snapshot),
    revocation: { http: { now: () => new Date(), ...(options.tokenTimeoutMs !== undefined ? { timeoutMs: options.tokenTimeoutMs } : {}) } },
  });
  const handlers = createApiHandlers({
    probe,
    engine,
    profiles,
    secrets,
    secretGuard,
    pendingDeletions,
    keys,
    runtime: options.runtime,
    authorizeModes: options.authorizeModes,
    version: options.version ?? '0.0.0',
    clearCookies,
    lifecycle,
    resolveSecret,
  });
  return {
    handlers,
    engine,
    profiles,
    secrets,
    lifecycle,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      listeners.clear();
      await retried;
      await lifecycle.dispose();
      await engine.dispose();
      await probe.settled();
    },
  };
}
