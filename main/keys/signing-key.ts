// The profile's signing key (keychain kind 'signing-key'): read from what a user pastes (PEM in
// PKCS#8, PKCS#1 "RSA PRIVATE KEY" or SEC1 "EC PRIVATE KEY", or a private JWK), or generated; checked
// against its JWS algorithm; kept in the keychain as JSON holding the private JWK; loaded back as a
// KeyObject for jose. Node's crypto does the parsing, so whatever it reads is accepted.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { z } from 'zod';
import { SIGNING_ALGS, type SigningAlg, type SigningKeySummary } from '../../shared/signing-key';
import type { SigningKeyMaterial } from './key-material';
import type { KeyStore } from './key-store';

/** Bad input from the user: the message says what is wrong and what to paste instead. */
export class SigningKeyError extends Error {}

/** The keychain item's text. The private JWK is the one format every key type round-trips through. */
const StoredSigningKeySchema = z.object({
  v: z.literal(1),
  alg: z.enum(SIGNING_ALGS),
  kid: z.string(),
  privateJwk: z.record(z.string(), z.unknown()),
  source: z.enum(['generated', 'imported']),
  savedAt: z.string(),
  boundOrigins: z.array(z.string()),
});
export type StoredSigningKey = z.infer<typeof StoredSigningKeySchema>;

const EC_ALGS: Record<string, SigningAlg> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
const EC_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
const RSA_ALGS: SigningAlg[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
/** RFC 7518 3.3 and jose refuse shorter RSA keys. */
const RSA_MIN_BITS = 2048;

export function keyTypeOf(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return `RSA ${details.modulusLength ?? '?'} bits`;
  if (key.asymmetricKeyType === 'ec') return `EC ${EC_NAMES[details.namedCurve ?? ''] ?? details.namedCurve ?? '?'}`;
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519';
  return key.asymmetricKeyType ?? 'unknown';
}

/** The algorithms this key can sign with; an explanation when it can sign with none. */
export function algsFor(key: KeyObject): SigningAlg[] {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      if ((details.modulusLength ?? 0) < RSA_MIN_BITS) throw new SigningKeyError(`This RSA key has ${details.modulusLength} bits; JWS needs at least ${RSA_MIN_BITS} (RFC 7518 3.3). Use a longer key, or Generate key.`);
      return RSA_ALGS;
    case 'ec': {
      const alg = EC_ALGS[details.namedCurve ?? ''];
      if (!alg) throw new SigningKeyError(`This EC key is on the curve ${details.namedCurve}; JWS signs with P-256 (ES256), P-384 (ES384) or P-521 (ES512) only.`);
      return [alg];
    }
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    case 'rsa-pss':
      throw new SigningKeyError('This is an RSA-PSS-only key (id-RSASSA-PSS). Convert it to a plain RSA key, e.g. openssl pkey -in key.pem -traditional, and choose PS256 for it.');
    default:
      throw new SigningKeyError(`A ${key.asymmetricKeyType} key cannot sign JWTs here: use an RSA (2048 bits or more), EC (P-256, P-384, P-521) or Ed25519 key.`);
  }
}

interface ParsedKey {
  key: KeyObject;
  /** From a pasted JWK. */
  alg?: string;
  kid?: string;
}

const PASTE_HINT = 'Paste a private key as PEM (-----BEGIN PRIVATE KEY-----, also RSA or EC PRIVATE KEY) or as a private JWK (JSON with "d").';

/** Reads a pasted private key; never puts the key's text into an error message. */
export function parsePrivateKey(text: string): ParsedKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseJwk(trimmed);
  if (!trimmed.includes('-----BEGIN')) throw new SigningKeyError(`That is neither PEM nor JSON. ${PASTE_HINT}`);
  if (/ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(trimmed)) {
    throw new SigningKeyError('This private key is encrypted with a passphrase. Decrypt it first (openssl pkcs8 -topk8 -nocrypt -in key.pem), then paste it.');
  }
  if (!/PRIVATE KEY-----/.test(trimmed)) {
    throw new SigningKeyError(`This PEM holds a ${/CERTIFICATE/.test(trimmed) ? 'certificate' : 'public key'}, not a private key: the private key signs, and only its public half goes to the IdP. ${PASTE_HINT}`);
  }
  try {
    return { key: createPrivateKey({ key: trimmed, format: 'pem' }) };
  } catch (err) {
    throw new SigningKeyError(`Node's crypto cannot read this PEM private key (${reason(err)}). ${PASTE_HINT}`);
  }
}

function parseJwk(text: string): ParsedKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SigningKeyError(`This is not valid JSON. ${PASTE_HINT}`);
  }
  // A JWK Set with one key is taken as that key.
  if (json && typeof json === 'object' && Array.isArray((json as { keys?: unknown }).keys)) {
    const keys = (json as { keys: unknown[] }).keys;
    if (keys.length !== 1) throw new SigningKeyError(`This JWK Set holds ${keys.length} keys; paste the one private JWK to sign with.`);
    json = keys[0];
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new SigningKeyError(`A JWK is a JSON object. ${PASTE_HINT}`);
  const jwk = json as JWK;
  if (jwk.kty === 'oct') throw new SigningKeyError('This is a symmetric key (kty "oct"): private_key_jwt needs an asymmetric private key. For HMAC with the client secret, choose client_secret_jwt.');
  if (typeof jwk.d !== 'string') throw new SigningKeyError('This JWK has no "d": it is a public key. Paste the private JWK; only its public half goes to the IdP.');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (err) {
    throw new SigningKeyError(`Node's crypto cannot read this JWK (${reason(err)}). ${PASTE_HINT}`);
  }
  return { key, ...(typeof jwk.alg === 'string' ? { alg: jwk.alg } : {}), ...(typeof jwk.kid === 'string' && jwk.kid !== '' ? { kid: jwk.kid } : {}) };
}

/** Node's error text names the format problem, never the key. Kept short. */
function reason(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}

/** The algorithm to sign with: the one chosen if the key fits it, else the JWK's own, else the key type's first. */
export function chooseAlg(key: ParsedKey, chosen: string): SigningAlg {
  const fits = algsFor(key.key);
  const type = keyTypeOf(key.key);
  if (chosen !== '') {
    if (!(SIGNING_ALGS as readonly string[]).includes(chosen)) throw new SigningKeyError(`${chosen} is not a JWS algorithm this app signs with (${SIGNING_ALGS.join(', ')}).`);
    if (!fits.includes(chosen as SigningAlg)) throw new SigningKeyError(`${chosen} does not fit this key: it is an ${type} key, which signs with ${fits.join(', ')}.`);
    if (key.alg !== undefined && key.alg !== chosen) throw new SigningKeyError(`The JWK says "alg": "${key.alg}", but ${chosen} was chosen: choose ${key.alg}, or remove "alg" from the JWK.`);
    return chosen as SigningAlg;
  }
  if (key.alg !== undefined) {
    if (!fits.includes(key.alg as SigningAlg)) throw new SigningKeyError(`The JWK says "alg": "${key.alg}", which does not fit its ${type} key (it signs with ${fits.join(', ')}).`);
    return key.alg as SigningAlg;
  }
  return fits[0]!;
}

export interface ImportInput {
  /** PEM or JWK text. */
  privateKey: string;
  /** Empty: the JWK's alg, else the key type's usual one (RS256, ES256 …, EdDSA). */
  alg: string;
  /** Empty: the JWK's kid, else the RFC 7638 thumbprint. */
  kid: string;
}

export async function importSigningKey(input: ImportInput, boundOrigins: string[], now: Date): Promise<StoredSigningKey> {
  const parsed = parsePrivateKey(input.privateKey);
  const alg = chooseAlg(parsed, input.alg.trim());
  return stored(parsed.key, alg, input.kid.trim() || parsed.kid || '', 'imported', boundOrigins, now);
}

/** A new key pair for `alg`: RSA 2048 bits for the RS and PS algorithms, the curve of an ES one, Ed25519 for EdDSA. */
export async function generateSigningKey(alg: SigningAlg, kid: string, boundOrigins: string[], now: Date): Promise<StoredSigningKey> {
  const curve = Object.entries(EC_ALGS).find(([, a]) => a === alg)?.[0];
  const { privateKey } = curve
    ? generateKeyPairSync('ec', { namedCurve: curve })
    : alg === 'EdDSA' || alg === 'Ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('rsa', { modulusLength: RSA_MIN_BITS });
  return stored(privateKey, alg, kid.trim(), 'generated', boundOrigins, now);
}

async function stored(key: KeyObject, alg: SigningAlg, kid: string, source: StoredSigningKey['source'], boundOrigins: string[], now: Date): Promise<StoredSigningKey> {
  const privateJwk = key.export({ format: 'jwk' }) as Record<string, unknown>;
  delete privateJwk.kid;
  delete privateJwk.alg;
  const thumbprint = await calculateJwkThumbprint(createPublicKey(key).export({ format: 'jwk' }) as JWK);
  return { v: 1, alg, kid: kid || thumbprint, privateJwk, source, savedAt: now.toISOString(), boundOrigins };
}

export function serializeSigningKey(key: StoredSigningKey): string {
  return JSON.stringify(key);
}

/** null: not a signing key this version wrote (the user is told to add it again). */
export function deserializeSigningKey(text: string): StoredSigningKey | null {
  try {
    const parsed = StoredSigningKeySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function publicJwkOf(key: StoredSigningKey, privateKey: KeyObject): JWK {
  return { ...(createPublicKey(privateKey).export({ format: 'jwk' }) as JWK), kid: key.kid, alg: key.alg, use: 'sig' };
}

const privateKeyOf = (key: StoredSigningKey) => createPrivateKey({ key: key.privateJwk as JsonWebKey, format: 'jwk' });

export function toMaterial(key: StoredSigningKey): SigningKeyMaterial {
  const privateKey = privateKeyOf(key);
  return { alg: key.alg, kid: key.kid, privateKey, publicJwk: publicJwkOf(key, privateKey), boundOrigins: key.boundOrigins };
}

/** The public summary: everything the renderer may see. */
export async function summarize(key: StoredSigningKey): Promise<SigningKeySummary> {
  const privateKey = privateKeyOf(key);
  const publicJwk = publicJwkOf(key, privateKey);
  const { kid: _kid, alg: _alg, use: _use, ...bare } = publicJwk;
  return {
    alg: key.alg,
    kid: key.kid,
    keyType: keyTypeOf(privateKey),
    publicJwk: { ...publicJwk },
    thumbprint: await calculateJwkThumbprint(bare),
    boundOrigins: key.boundOrigins,
    source: key.source,
    savedAt: key.savedAt,
  };
}

/** The profile's stored signing key, or null when it has none (or an unreadable one). */
export async function loadStoredSigningKey(store: KeyStore, profileId: string): Promise<StoredSigningKey | null> {
  const text = await store.get(profileId, 'signing-key');
  return text === null ? null : deserializeSigningKey(text);
}

export async function loadSigningKey(store: KeyStore, profileId: string): Promise<SigningKeyMaterial | null> {
  const key = await loadStoredSigningKey(store, profileId);
  return key ? toMaterial(key) : null;
}
