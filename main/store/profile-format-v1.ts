// Version 1 of profiles.json, as the first releases wrote it: one flat object per profile with
// Postman's OAuth 2.0 field names (so a Postman auth config could be pasted in), epoch-millisecond
// timestamps and no revision. Kept only to be migrated; nothing writes it any more.
import { z } from 'zod';

export const ProfileV1Schema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(120),
  preset: z.string().max(100).optional(),
  tokenName: z.string().max(200).optional(),
  authUrl: z.string().max(4_000).default(''),
  accessTokenUrl: z.string().max(4_000).default(''),
  clientId: z.string().max(1_000).default(''),
  redirect_uri: z.string().max(2_000).default(''),
  /** Postman's toggle: true = system browser, false = its embedded window. */
  useBrowser: z.boolean().default(true),
  scope: z.string().max(4_000).default(''),
  state: z.string().max(2_000).default(''),
  challengeAlgorithm: z.enum(['S256', 'plain']).default('S256'),
  code_verifier: z.string().max(4_000).default(''),
  client_authentication: z.enum(['header', 'body']).default('header'),
  /** Extra authorization request parameters as a flat map (v2 has enable-able rows). */
  authRequestParams: z.record(z.string(), z.string()).default({}),
  tokenRequestParams: z.record(z.string(), z.string()).default({}),
  created: z.number().int().nonnegative(),
  modified: z.number().int().nonnegative(),
});
export type ProfileV1 = z.infer<typeof ProfileV1Schema>;

export const ProfileFileV1Schema = z.object({
  version: z.literal(1),
  profiles: z.array(ProfileV1Schema),
});
export type ProfileFileV1 = z.infer<typeof ProfileFileV1Schema>;
