// A profile's DPoP key pair (RFC 9449): made on first use with the profile's algorithm, kept in the
// OS keychain (KeyStore kind 'dpop-key') as a private JWK, and replaced when the algorithm changes
// or the user presses Rotate DPoP key. An unsaved profile has no keychain items, so it gets one key
// in memory for the app session (per key store, i.e. per running app). The private key never
// leaves main: callers get SigningKeyMaterial to sign with, and DpopKeyInfo (public parts) to show.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { z } from 'zod';
import type { DpopAlg, DpopKeyInfo } from '../../shared/dpop';
import { DPOP_ALGS } from '../../shared/dpop';
import { ApiError } from '../../shared/errors';
import type { SigningKeyMaterial } from '../keys/key-material';
import type { KeyStore } from '../keys/key-store';

const StoredDpopKeySchema = z.object({ v: z.literal(1), alg: z.enum(DPOP_ALGS), createdAt: z.string().max(100), jwk: z.record(z.string(), z.unknown()) }).strict();
type StoredDpopKey = z.infer<typeof StoredDpopKeySchema>;

export interface DpopKey {
  key: SigningKeyMaterial;
  info: DpopKeyInfo;
  /** Made by this call (first use, another algorithm, or a rotation), not read from where it was kept. */
  created: boolean;
  /** Another algorithm was chosen, so the key of the previous one was replaced. */
  replacedAlg?: DpopAlg;
}

/** Unsaved profiles' keys, one per key store (app session); never written anywhere. */
const ephemeralKeys = new WeakMap<KeyStore, StoredDpopKey>();

function generatePrivateKey(alg: DpopAlg): KeyObject {
  switch (alg) {
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case 'ES384':
      return generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    case 'ES512':
      return generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey;
    case 'Ed25519':
    case 'EdDSA':
      return generateKeyPairSync('ed25519').privateKey;
    case 'PS256':
    case 'RS256':
      return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
}

function newStoredKey(alg: DpopAlg, now: Date): StoredDpopKey {
  return { v: 1, alg, createdAt: now.toISOString(), jwk: generatePrivateKey(alg).export({ format: 'jwk' }) as Record<string, unknown> };
}

async function toDpopKey(stored: StoredDpopKey, ephemeral: boolean, created: boolean): Promise<DpopKey> {
  const privateKey = createPrivateKey({ key: stored.jwk as JsonWebKey, format: 'jwk' });
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const thumbprint = await calculateJwkThumbprint(publicJwk, 'sha256');
  return {
    key: { alg: stored.alg, privateKey, publicJwk },
    info: { alg: stored.alg, thumbprint, publicJwk: { ...publicJwk }, createdAt: stored.createdAt, ephemeral },
    created,
  };
}

function parseStored(text: string): StoredDpopKey {
  let parsed: ReturnType<typeof StoredDpopKeySchema.safeParse>;
  try {
    parsed = StoredDpopKeySchema.safeParse(JSON.parse(text));
  } catch {
    parsed = { success: false } as ReturnType<typeof StoredDpopKeySchema.safeParse>;
  }
  if (!parsed.success) throw new ApiError('conflict', "The profile's DPoP key in the keychain cannot be read (changed outside this app?). Press Rotate DPoP key to make a new one.");
  return parsed.data;
}

/** The profile's DPoP key for `alg`: the one kept, or a new one (first use, or the algorithm changed). */
export async function loadDpopKey(store: KeyStore, profileId: string | null, alg: DpopAlg, now = new Date()): Promise<DpopKey> {
  const kept = profileId === null ? (ephemeralKeys.get(store) ?? null) : await readStored(store, profileId);
  if (kept && kept.alg === alg) return toDpopKey(kept, profileId === null, false);
  const made = await keep(store, profileId, newStoredKey(alg, now));
  return kept ? { ...made, replacedAlg: kept.alg } : made;
}

/** Rotate DPoP key: a new key pair for the profile; tokens bound to the old one stop working with it. */
export async function rotateDpopKey(store: KeyStore, profileId: string | null, alg: DpopAlg, now = new Date()): Promise<DpopKey> {
  return keep(store, profileId, newStoredKey(alg, now));
}

/** The key kept for the profile, without making one (null: none yet). */
export async function peekDpopKey(store: KeyStore, profileId: string | null): Promise<DpopKey | null> {
  const kept = profileId === null ? (ephemeralKeys.get(store) ?? null) : await readStored(store, profileId);
  return kept ? toDpopKey(kept, profileId === null, false) : null;
}

async function readStored(store: KeyStore, profileId: string): Promise<StoredDpopKey | null> {
  const text = await store.get(profileId, 'dpop-key');
  return text === null ? null : parseStored(text);
}

async function keep(store: KeyStore, profileId: string | null, stored: StoredDpopKey): Promise<DpopKey> {
  if (profileId === null) ephemeralKeys.set(store, stored);
  else await store.set(profileId, 'dpop-key', JSON.stringify(stored));
  return toDpopKey(stored, profileId === null, true);
}
