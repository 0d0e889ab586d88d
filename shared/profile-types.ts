// A saved IdP profile: a name and the form's settings. The client secret is never part of it.
import { z } from 'zod';
import { FlowSettingsSchema } from './settings';

export const PROFILE_NAME_MAX = 120;

export const ProfileSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1, 'A profile needs a name.').max(PROFILE_NAME_MAX),
  presetId: z.string().max(100).optional(),
  settings: FlowSettingsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Bumped on every save; a save naming an older revision is refused as a conflict, never merged silently. */
  revision: z.number().int().nonnegative(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export interface ProfileSummary {
  id: string;
  name: string;
  presetId?: string;
  updatedAt: string;
  revision: number;
  /** Whether a client secret for it is in the keychain. The secret itself never leaves main. */
  hasSecret: boolean;
}
