// What the keychain holds for a profile: the client secret AND the origins it is bound to, in one
// keychain item, so the binding cannot be edited apart from the secret (a data-folder file could be)
// and both are written or lost together. Items stored before secrets were bound hold the bare secret.
import { z } from 'zod';

export interface StoredSecret {
  secret: string;
  /** Origins (scheme://host:port) the secret may be sent to; null: stored before secrets were bound. */
  origins: string[] | null;
}

/** Marks our JSON form; a bare secret from an older version never starts with it in practice. */
const MARKER = '{"pkceInspectorSecret":1,';

const EnvelopeSchema = z.object({ pkceInspectorSecret: z.literal(1), secret: z.string().min(1), origins: z.array(z.string()) }).strict();

export function encodeStoredSecret({ secret, origins }: { secret: string; origins: string[] }): string {
  // Key order matters: the marker is the text's start.
  return JSON.stringify({ pkceInspectorSecret: 1, secret, origins });
}

export function decodeStoredSecret(text: string): StoredSecret {
  if (text.startsWith(MARKER)) {
    try {
      const parsed = EnvelopeSchema.safeParse(JSON.parse(text));
      if (parsed.success) return { secret: parsed.data.secret, origins: parsed.data.origins };
    } catch {
      // Not our JSON after all: read as a bare secret below.
    }
  }
  return { secret: text, origins: null };
}
