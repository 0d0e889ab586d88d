// A fake of OUR contract for component tests: every method is a vi.fn with a plausible default, and
// `emit` plays main's events. The real transports are exercised by the end-to-end tests.
import { vi, type Mock } from 'vitest';
import { METHOD_NAMES, type ApiEvents, type ApiInput, type ApiOutputs, type AppInfo, type EventName, type InspectorApi, type MethodName } from '../../shared/contract';
import type { DpopKeyInfo } from '../../shared/dpop';
import type { FlowSnapshot } from '../../shared/flow-types';
import type { ProbeSnapshot } from '../../shared/probe-types';

export type FakeApi = { [M in MethodName]: Mock<(input: ApiInput<M>) => Promise<ApiOutputs[M]>> } & {
  on: InspectorApi['on'];
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void;
};

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    runtime: 'electron',
    version: '0.1.0',
    platform: 'linux',
    scheme: 'io.github.pkce-inspector',
    authorizeModes: ['browser-loopback', 'browser-scheme', 'embedded'],
    keychain: { available: true },
    ...overrides,
  };
}

export function snapshot(overrides: Partial<FlowSnapshot> = {}): FlowSnapshot {
  return {
    flowId: 'flow-1',
    profileId: null,
    tokenName: 'Token',
    status: 'awaiting-redirect',
    startedAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    expiresAt: '2026-01-01T10:10:00.000Z',
    mode: 'browser-loopback',
    authorizationUrl: 'https://idp.example/authorize?client_id=app&state=st',
    redirectUri: 'http://127.0.0.1:53682/callback',
    state: 'st',
    openedBy: 'app',
    pkce: { method: 'S256', verifier: 'v', verifierBytesHex: '76', challenge: 'c', generated: true, warnings: [] },
    trace: [],
    ...overrides,
  };
}

export function probeSnapshot(overrides: Partial<ProbeSnapshot> = {}): ProbeSnapshot {
  return {
    probeId: 'probe-1',
    status: 'running',
    startedAt: '2026-01-01T10:00:00.000Z',
    idp: { issuer: 'https://idp.example', authorizationEndpoint: 'https://idp.example/authorize', tokenEndpoint: 'https://idp.example/token' },
    client: { clientId: 'app', type: 'public', authorizeMode: 'browser-loopback' },
    progress: 'Starting…',
    cases: [],
    flows: [],
    ...overrides,
  };
}

export function dpopKeyInfo(overrides: Partial<DpopKeyInfo> = {}): DpopKeyInfo {
  return { alg: 'ES256', thumbprint: 'fake-thumbprint-00000000000000000000000000000', publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, createdAt: '2026-11-30T10:00:00.000Z', ephemeral: false, ...overrides };
}

export function createFakeApi(info: AppInfo = appInfo()): FakeApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const defaults: { [M in MethodName]: (input: ApiInput<M>) => Promise<ApiOutputs[M]> } = {
    getAppInfo: async () => info,
    startFlow: async () => snapshot(),
    cancelFlow: async () => snapshot({ status: 'cancelled' }),
    submitRedirect: async () => snapshot({ status: 'exchanging' }),
    listFlows: async () => [],
    tokenAction: async ({ flowId }) => ({ flow: snapshot({ flowId, status: 'done' }) }),
    exchangeFlow: async () => snapshot({ status: 'exchanging' }),
    exchangeAgain: async () => snapshot({ status: 'done' }),
    startProbe: async () => probeSnapshot(),
    cancelProbe: async () => probeSnapshot({ status: 'cancelled' }),
    getProbe: async () => ({ probe: null }),
    clearCookies: async () => ({ cleared: true }),
    discover: async () => ({ ok: false, error: { kind: 'connection_refused', message: 'The fake has no IdP.' }, trace: [] }),
    listProfiles: async () => ({ profiles: [], notices: [] }),
    getProfile: async () => {
      throw new Error('no profiles in the fake');
    },
    createProfile: async () => {
      throw new Error('no profiles in the fake');
    },
    saveProfile: async () => {
      throw new Error('no profiles in the fake');
    },
    renameProfile: async () => {
      throw new Error('no profiles in the fake');
    },
    duplicateProfile: async () => {
      throw new Error('no profiles in the fake');
    },
    deleteProfile: async () => ({ deleted: true }),
    exportProfiles: async () => ({ json: '[]', fileName: 'profiles.json' }),
    importProfiles: async () => ({ imported: [] }),
    previewImport: async () => ({ format: 'pkce-inspector', description: 'PKCE Inspector profiles', drafts: [], skipped: [] }),
    applyImport: async () => ({ imported: [], secretsStored: 0 }),
    setClientSecret: async () => ({ hasSecret: true }),
    clearClientSecret: async () => ({ hasSecret: false }),
    getDpopKey: async () => ({ key: dpopKeyInfo() }),
    rotateDpopKey: async () => ({ key: dpopKeyInfo({ thumbprint: 'rotated-thumbprint-0000000000000000000000000' }) }),
    setClientCertificate: async () => {
      throw new Error('no certificates in the fake');
    },
    clearClientCertificate: async () => ({ certificate: null }),
    getClientCertificate: async () => ({ certificate: null }),
    getSigningKey: async () => ({ key: null }),
    setSigningKey: async () => {
      throw new Error('no signing keys in the fake');
    },
    generateSigningKey: async () => {
      throw new Error('no signing keys in the fake');
    },
    clearSigningKey: async () => ({ key: null }),
  };
  const api: Record<string, unknown> = {
    on: (event: EventName, listener: (payload: never) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    emit: (event: EventName, payload: unknown) => {
      for (const l of listeners.get(event) ?? []) (l as (p: unknown) => void)(payload);
    },
  };
  for (const method of METHOD_NAMES) api[method] = vi.fn(defaults[method]);
  return api as FakeApi;
}
