// Version 2 of profiles.json (and of exports), as written before OpenID Connect discovery: the
// settings without issuer, metadata and the endpoint fields that came with version 3. Frozen here
// so later changes to FlowSettings cannot change how an old file reads; kept only to be migrated.
// Ids, timestamps and revisions are optional, as an import may leave them out (the current
// version's schema then says what each reader requires).
import { z } from 'zod';
import { DEFAULT_VERIFIER_LENGTH, VERIFIER_MAX_LENGTH, VERIFIER_MIN_LENGTH } from '../../shared/pkce';
import { PROFILE_NAME_MAX } from '../../shared/profile-types';

const KeyValueRowV2Schema = z.object({
  key: z.string().max(200),
  value: z.string().max(8_000),
  enabled: z.boolean().default(true),
});

export const FlowSettingsV2Schema = z.object({
  tokenName: z.string().max(200).default('Token'),
  callbackUrl: z.string().max(2_000).default('http://127.0.0.1/callback'),
  authorizeMode: z.enum(['browser-loopback', 'browser-scheme', 'embedded']).default('browser-loopback'),
  authUrl: z.string().max(4_000).default(''),
  accessTokenUrl: z.string().max(4_000).default(''),
  clientId: z.string().max(1_000).default(''),
  codeChallengeMethod: z.enum(['S256', 'plain']).default('S256'),
  codeVerifier: z.string().max(4_000).default(''),
  verifierLength: z.number().int().min(VERIFIER_MIN_LENGTH).max(VERIFIER_MAX_LENGTH).default(DEFAULT_VERIFIER_LENGTH),
  scope: z.string().max(4_000).default('openid profile'),
  state: z.string().max(2_000).default(''),
  clientAuthentication: z.enum(['basic', 'body']).default('basic'),
  audience: z.string().max(2_000).default(''),
  resource: z.string().max(2_000).default(''),
  extraAuthParams: z.array(KeyValueRowV2Schema).max(50).default([]),
  extraTokenParams: z.array(KeyValueRowV2Schema).max(50).default([]),
  tokenRequestOrigin: z.string().max(500).default(''),
  omitCodeVerifier: z.boolean().default(false),
  keepCookies: z.boolean().default(false),
});
export type FlowSettingsV2 = z.infer<typeof FlowSettingsV2Schema>;

export const ProfileV2Schema = z.object({
  id: z.string().min(1).max(100).optional(),
  name: z.string().trim().min(1, 'A profile needs a name.').max(PROFILE_NAME_MAX),
  presetId: z.string().max(100).optional(),
  settings: FlowSettingsV2Schema,
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  revision: z.number().int().nonnegative().optional(),
});
export type ProfileV2 = z.infer<typeof ProfileV2Schema>;

export const ProfileFileV2Schema = z.object({
  version: z.literal(2),
  profiles: z.array(ProfileV2Schema),
});
export type ProfileFileV2 = z.infer<typeof ProfileFileV2Schema>;
