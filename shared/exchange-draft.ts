// Pause mode's token request before it is sent: the fields a tester may edit for a negative test.
// The client secret is never part of it (main adds it when sending).
import { z } from 'zod';
import { KeyValueRowSchema } from './settings';

export const ExchangeDraftSchema = z
  .object({
    code: z.string().max(4_000),
    /** null: code_verifier is left out of the request. */
    codeVerifier: z.string().max(4_000).nullable(),
    redirectUri: z.string().max(2_000),
    clientId: z.string().max(1_000),
    extraParams: z.array(KeyValueRowSchema).max(50),
  })
  .strict();
export type ExchangeDraft = z.infer<typeof ExchangeDraftSchema>;

const FIELD_NAMES: Record<Exclude<keyof ExchangeDraft, 'extraParams'>, string> = {
  code: 'code',
  codeVerifier: 'code_verifier',
  redirectUri: 'redirect_uri',
  clientId: 'client_id',
};

/** The parameter names whose values differ between the draft main proposed and the one sent. */
export function editedFields(original: ExchangeDraft, sent: ExchangeDraft): string[] {
  const edited = (Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[]).filter((k) => original[k] !== sent[k]).map((k) => FIELD_NAMES[k]);
  const rows = (draft: ExchangeDraft) => JSON.stringify(draft.extraParams.filter((r) => r.enabled).map((r) => [r.key, r.value, r.sendAs ?? 'body']));
  if (rows(original) !== rows(sent)) edited.push('extra parameters');
  return edited;
}
