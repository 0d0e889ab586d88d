// Per-profile key material (a signing key, a DPoP key, a client certificate) in the OS keychain
// through keytar, beside the client secret: one item per profile and kind, account
// `<profileId>#<kind>`. Each kind's module (de)serializes its own material as text; this store only
// keeps it. Long material (PKCS#12 bundles, RSA keys) is split across numbered items because Windows
// Credential Manager holds at most 2,560 bytes per credential; one code path for every platform.
import { z } from 'zod';
import { createKeychainCall, DEFAULT_KEYCHAIN_SERVICE, type KeytarLike } from '../store/keytar-access';
import { KEY_KINDS, type KeyKind } from './key-material';

export interface KeyStore {
  get(profileId: string, kind: KeyKind): Promise<string | null>;
  set(profileId: string, kind: KeyKind, text: string): Promise<void>;
  delete(profileId: string, kind: KeyKind): Promise<void>;
  /** Every kind of the profile (a profile is deleted). */
  deleteAll(profileId: string): Promise<void>;
}

/** Characters per keychain item: under Windows' 2,560 bytes with room for the envelope (material is ASCII: PEM, base64, JSON). */
export const KEY_CHUNK_CHARS = 1_800;
const MAX_PARTS = 64;

const HeadSchema = z.object({ pkceInspectorKey: z.literal(1), parts: z.number().int().min(1).max(MAX_PARTS), data: z.string() }).strict();

const account = (profileId: string, kind: KeyKind, part = 0) => (part === 0 ? `${profileId}#${kind}` : `${profileId}#${kind}#${part}`);

export function splitIntoParts(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += KEY_CHUNK_CHARS) parts.push(text.slice(i, i + KEY_CHUNK_CHARS));
  return parts.length > 0 ? parts : [''];
}

export interface KeytarKeyStoreOptions {
  service?: string;
  loadKeytar?: () => Promise<KeytarLike>;
}

export function createKeytarKeyStore(options: KeytarKeyStoreOptions = {}): KeyStore {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const call = createKeychainCall(options.loadKeytar);

  async function partsStored(profileId: string, kind: KeyKind): Promise<number> {
    const head = await call('read a key', (k) => k.getPassword(service, account(profileId, kind)));
    if (head === null) return 0;
    const parsed = safeHead(head);
    return parsed ? parsed.parts : 1;
  }

  async function remove(profileId: string, kind: KeyKind): Promise<void> {
    const parts = await partsStored(profileId, kind);
    // Later parts first: an interrupted delete leaves a head that still says how many there were.
    for (let part = parts - 1; part >= 0; part -= 1) {
      await call('delete a key', (k) => k.deletePassword(service, account(profileId, kind, part)));
    }
  }

  return {
    async get(profileId, kind) {
      const head = await call('read a key', (k) => k.getPassword(service, account(profileId, kind)));
      if (head === null) return null;
      const parsed = safeHead(head);
      if (!parsed) return null;
      let text = parsed.data;
      for (let part = 1; part < parsed.parts; part += 1) {
        const chunk = await call('read a key', (k) => k.getPassword(service, account(profileId, kind, part)));
        if (chunk === null) return null; // a torn write: treated as no key, which the user is told
        text += chunk;
      }
      return text;
    },
    async set(profileId, kind, text) {
      const parts = splitIntoParts(text);
      if (parts.length > MAX_PARTS) throw new Error(`Key material longer than ${MAX_PARTS * KEY_CHUNK_CHARS} characters is not kept.`);
      await remove(profileId, kind);
      for (let part = parts.length - 1; part >= 1; part -= 1) {
        await call('store a key', (k) => k.setPassword(service, account(profileId, kind, part), parts[part]!), [text]);
      }
      // The head last: until it is written, no half-stored key can be read.
      const head = JSON.stringify({ pkceInspectorKey: 1, parts: parts.length, data: parts[0] });
      await call('store a key', (k) => k.setPassword(service, account(profileId, kind), head), [text, head]);
    },
    delete: remove,
    async deleteAll(profileId) {
      for (const kind of KEY_KINDS) await remove(profileId, kind);
    },
  };
}

function safeHead(text: string): z.infer<typeof HeadSchema> | null {
  try {
    const parsed = HeadSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keys in this process's memory only: for tests, and where no keychain answers (the user is told). */
export function createMemoryKeyStore(): KeyStore {
  const items = new Map<string, string>();
  return {
    get: async (profileId, kind) => items.get(account(profileId, kind)) ?? null,
    set: async (profileId, kind, text) => {
      items.set(account(profileId, kind), text);
    },
    delete: async (profileId, kind) => {
      items.delete(account(profileId, kind));
    },
    deleteAll: async (profileId) => {
      for (const kind of KEY_KINDS) items.delete(account(profileId, kind));
    },
  };
}
