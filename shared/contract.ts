// The whole API between the renderer and main, defined once. The Electron preload exposes exactly
// these methods (one named function each) and browser mode serves the same methods over HTTP; main
// validates every input against the schema here before any handler runs.
import { z } from 'zod';
import type { ApiErrorShape } from './errors';
import { ExchangeDraftSchema } from './exchange-draft';
import type { FlowSnapshot } from './flow-types';
import type { ProbeSnapshot } from './probe-types';
import type { DiscoveryOutcome } from './oidc/discovery-result';
import type { DpopKeyInfo } from './dpop';
import { ApplyImportSchema, ImportSourceSchema, type ApplyImportResult, type ImportPreview } from './import-types';
import type { Profile, ProfileSummary } from './profile-types';
import { PROFILE_NAME_MAX } from './profile-types';
import { ClientCertificateInputSchema, type ClientCertificateSummary } from './mtls';
import { AUTHORIZE_MODES, FlowSettingsSchema, type AuthorizeMode } from './settings';
import { SIGNING_ALGS, type SigningKeySummary } from './signing-key';
import { TokenActionSchema } from './token-actions';

const id = z.string().min(1).max(100);
const noInput = z.object({}).strict();

export const ClientSecretChoiceSchema = z.discriminatedUnion('source', [
  /** A public client: no secret, no Authorization header. */
  z.object({ source: z.literal('none') }),
  /** The secret stored in the keychain for `profileId`; read in main only. */
  z.object({ source: z.literal('stored') }),
  /** A secret for this flow only, held in main's memory and forgotten after (no keychain needed). */
  z.object({ source: z.literal('once'), value: z.string().min(1).max(4_000) }),
]);
export type ClientSecretChoice = z.infer<typeof ClientSecretChoiceSchema>;

export const methodSchemas = {
  getAppInfo: noInput,
  startFlow: z.object({ settings: FlowSettingsSchema, profileId: id.nullable(), clientSecret: ClientSecretChoiceSchema }).strict(),
  cancelFlow: z.object({ flowId: id }).strict(),
  /** A redirect URL pasted by the user (e.g. from the address bar after an `https://localhost` callback). */
  submitRedirect: z.object({ url: z.string().min(1).max(16_000) }).strict(),
  listFlows: noInput,
  /** Pause mode's Exchange: send the token request of a flow at "Ready to exchange", as edited (no secret: main adds it). */
  exchangeFlow: z.object({ flowId: id, draft: ExchangeDraftSchema }).strict(),
  /** Pause mode's Exchange again: the same code sent once more. */
  exchangeAgain: z.object({ flowId: id }).strict(),
  /**
   * An action on a token entry held in main (refresh, revoke, introspect, UserInfo, Call API, sign-out,
   * auto-refresh on/off), with the form's settings and secret choice; tokens never travel back.
   */
  tokenAction: z.object({ flowId: id, action: TokenActionSchema, settings: FlowSettingsSchema, profileId: id.nullable(), clientSecret: ClientSecretChoiceSchema }).strict(),
  /** "Test PKCE enforcement": run the probe's cases as real flows with the form's settings (one run at a time). */
  startProbe: z.object({ settings: FlowSettingsSchema, profileId: id.nullable(), clientSecret: ClientSecretChoiceSchema }).strict(),
  cancelProbe: z.object({ probeId: id }).strict(),
  /** The last run, if any (e.g. after a reload). */
  getProbe: noInput,
  /** Forget the embedded window's persistent IdP cookies. */
  clearCookies: noInput,
  /** Fetch an issuer's metadata (OpenID Connect Discovery, then RFC 8414); nothing is saved by main. */
  discover: z.object({ issuer: z.string().max(4_000) }).strict(),
  listProfiles: noInput,
  getProfile: z.object({ id }).strict(),
  createProfile: z.object({ name: z.string().trim().min(1).max(PROFILE_NAME_MAX), settings: FlowSettingsSchema, presetId: z.string().max(100).optional() }).strict(),
  saveProfile: z.object({ id, settings: FlowSettingsSchema, baseRevision: z.number().int().nonnegative() }).strict(),
  renameProfile: z.object({ id, name: z.string().trim().min(1).max(PROFILE_NAME_MAX) }).strict(),
  duplicateProfile: z.object({ id, name: z.string().trim().min(1).max(PROFILE_NAME_MAX).optional() }).strict(),
  deleteProfile: z.object({ id }).strict(),
  exportProfiles: z.object({ ids: z.array(id).max(1_000).optional() }).strict(),
  importProfiles: z.object({ json: z.string().min(1).max(5_000_000) }).strict(),
  /** Read other tools' exports (Postman, Insomnia, Bruno): the profiles they would become; nothing is written. */
  previewImport: ImportSourceSchema.strict(),
  /** Create the chosen drafts of `previewImport` (fresh ids), then store their client secrets if asked. */
  applyImport: ApplyImportSchema,
  setClientSecret: z.object({ profileId: id, secret: z.string().min(1).max(4_000) }).strict(),
  clearClientSecret: z.object({ profileId: id }).strict(),
  /** DPoP (RFC 9449): the public side of the profile's DPoP key (made on first use; unsaved: in memory for the session). */
  getDpopKey: z.object({ profileId: id.nullable(), settings: FlowSettingsSchema }).strict(),
  /** Rotate DPoP key: a new key pair replaces the profile's. */
  rotateDpopKey: z.object({ profileId: id.nullable(), settings: FlowSettingsSchema }).strict(),
  /** Mutual TLS: check and keep a client certificate + key (PEM or PKCS#12) in the keychain with the profile. */
  setClientCertificate: z.object({ profileId: id, certificate: ClientCertificateInputSchema }).strict(),
  clearClientCertificate: z.object({ profileId: id }).strict(),
  /** The stored certificate's public summary (never its key or password). */
  getClientCertificate: z.object({ profileId: id }).strict(),
  /** The saved profile's signing key (private_key_jwt, signed request objects): its public summary, or null. */
  getSigningKey: z.object({ profileId: id }).strict(),
  /** A pasted private key (PEM or JWK) into the keychain; alg / kid empty: taken from the key. */
  setSigningKey: z.object({ profileId: id, privateKey: z.string().min(1).max(20_000), alg: z.union([z.enum(SIGNING_ALGS), z.literal('')]), kid: z.string().max(200) }).strict(),
  /** A new key pair made in main, kept in the keychain. */
  generateSigningKey: z.object({ profileId: id, alg: z.enum(SIGNING_ALGS), kid: z.string().max(200) }).strict(),
  clearSigningKey: z.object({ profileId: id }).strict(),
} satisfies Record<string, z.ZodType>;

export type MethodName = keyof typeof methodSchemas;
export const METHOD_NAMES = Object.keys(methodSchemas) as MethodName[];

export interface KeychainStatus {
  available: boolean;
  /** Why not, and how to fix it, in words for the user. */
  reason?: string;
}

export interface AppInfo {
  runtime: 'electron' | 'web';
  version: string;
  platform: string;
  /** The app's custom URL scheme (RFC 8252 section 7.1). */
  scheme: string;
  /** The authorization modes this runtime supports. */
  authorizeModes: AuthorizeMode[];
  keychain: KeychainStatus;
}

export interface ApiOutputs {
  getAppInfo: AppInfo;
  startFlow: FlowSnapshot;
  cancelFlow: FlowSnapshot;
  submitRedirect: FlowSnapshot;
  listFlows: FlowSnapshot[];
  exchangeFlow: FlowSnapshot;
  exchangeAgain: FlowSnapshot;
  /** The entry acted on; for a refresh that got tokens, also the new entry. */
  tokenAction: { flow: FlowSnapshot; created?: FlowSnapshot };
  startProbe: ProbeSnapshot;
  cancelProbe: ProbeSnapshot;
  getProbe: { probe: ProbeSnapshot | null };
  clearCookies: { cleared: boolean };
  discover: DiscoveryOutcome;
  /** `keychain`: present when the keychain could not be asked whether profiles have a secret. */
  listProfiles: { profiles: ProfileSummary[]; notices: string[]; keychain?: KeychainStatus };
  getProfile: Profile;
  createProfile: Profile;
  saveProfile: Profile;
  renameProfile: Profile;
  duplicateProfile: Profile;
  /** `notice`: what the user must know, e.g. the keychain kept the secret for now (retried at the next start). */
  deleteProfile: { deleted: true; notice?: string };
  exportProfiles: { json: string; fileName: string };
  importProfiles: { imported: ProfileSummary[] };
  previewImport: ImportPreview;
  applyImport: ApplyImportResult;
  setClientSecret: { hasSecret: true };
  clearClientSecret: { hasSecret: false };
  getDpopKey: { key: DpopKeyInfo };
  rotateDpopKey: { key: DpopKeyInfo };
  setClientCertificate: { certificate: ClientCertificateSummary };
  clearClientCertificate: { certificate: null };
  getClientCertificate: { certificate: ClientCertificateSummary | null };
  getSigningKey: { key: SigningKeySummary | null };
  setSigningKey: { key: SigningKeySummary };
  generateSigningKey: { key: SigningKeySummary };
  clearSigningKey: { key: null };
}

export type ApiInput<M extends MethodName> = z.input<(typeof methodSchemas)[M]>;
export type ApiParsedInput<M extends MethodName> = z.output<(typeof methodSchemas)[M]>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
  at: string;
}

/** Events from main to the renderer. */
export interface ApiEvents {
  flowUpdated: FlowSnapshot;
  notice: Notice;
  probeUpdated: ProbeSnapshot;
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: EventName[] = ['flowUpdated', 'notice', 'probeUpdated'];

/** What main implements, once, for both Electron IPC and browser mode. Inputs arrive validated. */
export type ApiHandlers = { [M in MethodName]: (input: ApiParsedInput<M>) => Promise<ApiOutputs[M]> };

/** What the renderer calls: typed methods that throw `ApiError`, plus event subscriptions. */
export type InspectorApi = { [M in MethodName]: (input: ApiInput<M>) => Promise<ApiOutputs[M]> } & {
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/**
 * What a transport gives the renderer: the preload's bridge object or browser mode's HTTP client.
 * Results come as envelopes because Electron's IPC and contextBridge do not carry error types.
 */
export type InspectorBridge = { [M in MethodName]: (input: ApiInput<M>) => Promise<ApiResult<ApiOutputs[M]>> } & {
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

export const IPC_CHANNEL_PREFIX = 'pkce-inspector:';
export const ipcChannel = (name: MethodName | EventName): string => `${IPC_CHANNEL_PREFIX}${name}`;
/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'pkceInspector';

export const ALL_AUTHORIZE_MODES: AuthorizeMode[] = [...AUTHORIZE_MODES];
