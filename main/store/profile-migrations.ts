// Migrations from every earlier profiles.json version to the next. Each takes a document that has
// passed its own version's schema and returns the next version's shape (validated by the caller).
import { APP_SCHEME } from '../../shared/app-identity';
import type { AuthorizeMode, FlowSettings } from '../../shared/settings';
import { defaultFlowSettings } from '../../shared/settings';
import { isLoopbackHost } from '../../shared/settings-validation';
import type { ProfileFileV1, ProfileV1 } from './profile-format-v1';
import { FlowSettingsV2Schema, type FlowSettingsV2, type ProfileFileV2, type ProfileV2 } from './profile-format-v2';

/** v1 → v2: Postman's flat names become FlowSettings, timestamps become ISO strings, revisions start at 0. */
export function migrateV1(file: ProfileFileV1): ProfileFileV2 {
  return { version: 2, profiles: file.profiles.map(migrateProfileV1) };
}

function migrateProfileV1(p: ProfileV1): ProfileV2 {
  const defaults = FlowSettingsV2Schema.parse({});
  const settings: FlowSettingsV2 = {
    ...defaults,
    tokenName: p.tokenName ?? defaults.tokenName,
    callbackUrl: p.redirect_uri === '' ? defaults.callbackUrl : p.redirect_uri,
    authorizeMode: authorizeModeOf(p),
    authUrl: p.authUrl,
    accessTokenUrl: p.accessTokenUrl,
    clientId: p.clientId,
    codeChallengeMethod: p.challengeAlgorithm,
    codeVerifier: p.code_verifier,
    scope: p.scope,
    state: p.state,
    clientAuthentication: p.client_authentication === 'header' ? 'basic' : 'body',
    extraAuthParams: rows(p.authRequestParams),
    extraTokenParams: rows(p.tokenRequestParams),
  };
  return {
    id: p.id,
    name: p.name,
    ...(p.preset !== undefined ? { presetId: p.preset } : {}),
    settings,
    createdAt: new Date(p.created).toISOString(),
    updatedAt: new Date(p.modified).toISOString(),
    revision: 0,
  };
}

/** v1 only knew "browser or not"; the redirect URI tells which kind of browser redirect it was. */
function authorizeModeOf(p: ProfileV1): AuthorizeMode {
  if (!p.useBrowser) return 'embedded';
  try {
    const url = new URL(p.redirect_uri);
    if (url.protocol === `${APP_SCHEME}:`) return 'browser-scheme';
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return 'browser-loopback';
  } catch {
    // An empty or broken redirect: the default mode, which the form will then flag.
  }
  // A browser redirect to some https:// page could only have been caught by the embedded window.
  return p.redirect_uri === '' ? 'browser-loopback' : 'embedded';
}

function rows(map: Record<string, string>): FlowSettingsV2['extraAuthParams'] {
  return Object.entries(map).map(([key, value]) => ({ key, value, enabled: true }));
}

/**
 * v2 → v3: OpenID Connect. No issuer and no metadata yet (Discover fills them), the new endpoint
 * fields empty (empty means "from the metadata"), extra parameters without Send as (their usual place).
 */
export function migrateV2(file: ProfileFileV2): { version: 3; profiles: unknown[] } {
  return { version: 3, profiles: file.profiles.map((p) => ({ ...p, settings: migrateSettingsV2(p.settings) })) };
}

function migrateSettingsV2(settings: FlowSettingsV2): FlowSettings {
  return { ...defaultFlowSettings(), ...settings, issuer: '', metadata: null };
}
