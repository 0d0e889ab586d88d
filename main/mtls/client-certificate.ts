// A profile's TLS client certificate (RFC 8705): checked when the user adds it (PEM certificate chain
// + private key, or a PKCS#12 bundle with its password), kept as text in the OS keychain (kind
// 'client-certificate'), read back as the material Node's TLS takes. Only the public summary
// (subject, issuer, validity, thumbprint) ever leaves main.
import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { createSecureContext, TLSSocket } from 'node:tls';
import { z } from 'zod';
import { ApiError } from '../../shared/errors';
import type { ClientCertificateInput, ClientCertificateSummary } from '../../shared/mtls';
import type { ClientCertificateMaterial } from '../keys/key-material';
import type { KeyStore } from '../keys/key-store';

const KIND = 'client-certificate';
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** What the keychain item holds (JSON): the input as given, once checked, plus its summary. */
const StoredSchema = z.discriminatedUnion('format', [
  z.object({ v: z.literal(1), format: z.literal('pem'), certPem: z.string(), keyPem: z.string(), password: z.string().optional() }),
  z.object({ v: z.literal(1), format: z.literal('pkcs12'), pfx: z.string(), password: z.string() }),
]);
type Stored = z.infer<typeof StoredSchema>;

export interface CheckedCertificate {
  material: ClientCertificateMaterial;
  summary: ClientCertificateSummary;
  stored: Stored;
}

const invalid = (message: string) => new ApiError('invalid_input', message);

/** Checks a certificate and its key as the user gave them; throws `invalid_input` saying what is wrong. */
export function checkClientCertificate(input: ClientCertificateInput, now: Date = new Date()): CheckedCertificate {
  return input.format === 'pem'
    ? checkPem(input.certificate, input.privateKey, input.password || undefined, now)
    : checkPkcs12(decodeBase64(input.pkcs12Base64), input.password, now);
}

function checkPem(certificateText: string, keyText: string, password: string | undefined, now: Date): CheckedCertificate {
  const blocks = certificateText.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw invalid('The certificate is not PEM: paste the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE----- (a .crt/.pem file), or choose PKCS#12 for a .p12/.pfx file.');
  const certificates = blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (err) {
      throw invalid(`Certificate ${i + 1} of ${blocks.length} cannot be read: ${reason(err)}.`);
    }
  });
  const key = readPrivateKey(keyText, password);
  // The chain may be given in any order: the client's own certificate is the one the key belongs to, and goes first.
  const leafIndex = certificates.findIndex((c) => c.checkPrivateKey(key));
  if (leafIndex < 0) {
    const subjects = certificates.map((c) => oneLine(c.subject)).join('; ');
    throw invalid(`The private key does not belong to ${certificates.length === 1 ? 'the certificate' : 'any of the certificates'} (${subjects}): choose the key that was generated with it.`);
  }
  const ordered = [blocks[leafIndex]!, ...blocks.filter((_, i) => i !== leafIndex)];
  const leaf = certificates[leafIndex]!;
  const certPem = `${ordered.join('\n')}\n`;
  const stored: Stored = { v: 1, format: 'pem', certPem, keyPem: keyText.trim(), ...(password ? { password } : {}) };
  return { stored, material: materialOf(stored, leaf), summary: summarize(leaf, 'pem', certificates.length, now) };
}

function readPrivateKey(keyText: string, password: string | undefined): KeyObject {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyText)) {
    throw invalid('The private key is not PEM: paste the text from -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY, or ENCRYPTED PRIVATE KEY) to its END line.');
  }
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(keyText);
  if (encrypted && !password) throw invalid('The private key is encrypted: enter its password.');
  try {
    return createPrivateKey(encrypted ? { key: keyText, format: 'pem', passphrase: password } : { key: keyText, format: 'pem' });
  } catch (err) {
    if (encrypted) throw invalid('The password does not decrypt the private key: check it (it is the one the key was exported with).');
    throw invalid(`The private key cannot be read: ${reason(err)}.`);
  }
}

function checkPkcs12(pfx: Buffer, password: string, now: Date): CheckedCertificate {
  // Node has no PKCS#12 parser; its TLS layer reads the bundle as it will for the handshake, which
  // also checks the password and that key and certificate belong together.
  let socket: TLSSocket | undefined;
  try {
    const context = createSecureContext({ pfx, passphrase: password });
    socket = new TLSSocket(null as never, { secureContext: context });
    const raw = (socket.getCertificate() as { raw?: Buffer } | null)?.raw;
    if (!raw) throw invalid('The PKCS#12 file holds no certificate with a private key.');
    const leaf = new X509Certificate(raw);
    const stored: Stored = { v: 1, format: 'pkcs12', pfx: pfx.toString('base64'), password };
    return { stored, material: materialOf(stored, leaf), summary: summarize(leaf, 'pkcs12', 1, now) };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw invalid(pkcs12Problem(reason(err)));
  } finally {
    socket?.destroy();
  }
}

function pkcs12Problem(message: string): string {
  if (/mac verify|bad decrypt|incorrect password|invalid password/i.test(message)) return 'Wrong password for the PKCS#12 file: it could not be opened. Enter the password it was exported with.';
  if (/key values mismatch|key.*mismatch/i.test(message)) return 'The private key in the PKCS#12 file does not belong to its certificate.';
  if (/unsupported|algorithm/i.test(message)) return `The PKCS#12 file uses an encryption this app cannot read (${message}); export it again with AES-256 (e.g. openssl pkcs12 -export without -legacy).`;
  return `The file is not a PKCS#12 bundle this app can read (${message}). Export the certificate with its private key as .p12/.pfx, or use PEM.`;
}

function decodeBase64(text: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length === 0) throw invalid('The PKCS#12 file could not be read (it should arrive as base64).');
  return Buffer.from(clean, 'base64');
}

function materialOf(stored: Stored, leaf: X509Certificate): ClientCertificateMaterial {
  const common = { thumbprint: thumbprintOf(leaf), subject: oneLine(leaf.subject) };
  if (stored.format === 'pem') return { ...common, certPem: stored.certPem, keyPem: stored.keyPem, ...(stored.password ? { passphrase: stored.password } : {}) };
  return { ...common, pfx: Buffer.from(stored.pfx, 'base64'), passphrase: stored.password };
}

/** RFC 8705 3.1: base64url of the SHA-256 of the certificate's DER encoding. */
export function thumbprintOf(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.raw).digest('base64url');
}

function summarize(leaf: X509Certificate, format: 'pem' | 'pkcs12', chainLength: number, now: Date): ClientCertificateSummary {
  const validFrom = new Date(leaf.validFrom);
  const validTo = new Date(leaf.validTo);
  const warnings: string[] = [];
  if (validTo.getTime() < now.getTime()) warnings.push(`Expired on ${validTo.toISOString()}: an IdP will refuse it in the TLS handshake. Kept for testing that refusal; add a current certificate for real flows.`);
  if (validFrom.getTime() > now.getTime()) warnings.push(`Not valid before ${validFrom.toISOString()}: an IdP will refuse it until then (or this computer's clock is wrong).`);
  return {
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    thumbprint: thumbprintOf(leaf),
    selfSigned: leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey),
    format,
    chainLength,
    warnings,
  };
}

/** X509Certificate's subject is one attribute per line; shown as one comma-separated line. */
const oneLine = (name: string) => name.split('\n').filter(Boolean).join(', ');

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');

/** Stores a checked certificate for the profile, replacing any earlier one. */
export async function saveClientCertificate(store: KeyStore, profileId: string, checked: CheckedCertificate): Promise<void> {
  await store.set(profileId, KIND, JSON.stringify(checked.stored));
}

/** The stored certificate, read again (it is checked anew: the summary's warnings are of today). */
export async function readClientCertificate(store: KeyStore, profileId: string, now: Date = new Date()): Promise<CheckedCertificate | null> {
  const text = await store.get(profileId, KIND);
  if (text === null) return null;
  let stored: Stored;
  try {
    stored = StoredSchema.parse(JSON.parse(text));
  } catch {
    throw new ApiError('conflict', 'The client certificate kept in the keychain for this profile cannot be read: remove it and add it again.');
  }
  return stored.format === 'pem'
    ? checkPem(stored.certPem, stored.keyPem, stored.password, now)
    : checkPkcs12(Buffer.from(stored.pfx, 'base64'), stored.password, now);
}

/** For the API layer (resolve-client-keys.ts): the certificate a request presents; a clear error when there is none. */
export async function loadClientCertificate(store: KeyStore, profileId: string | null): Promise<ClientCertificateMaterial> {
  if (profileId === null) throw new ApiError('invalid_settings', 'Client certificate needs a saved profile: its certificate and key are kept in the OS keychain with the profile. Create or choose a profile, add the certificate, then start again.', [{ field: 'useClientCertificate', message: 'Needs a saved profile holding a certificate.' }]);
  const checked = await readClientCertificate(store, profileId);
  if (!checked) throw new ApiError('invalid_settings', 'Client certificate is on, but this profile has no certificate: add one under Advanced → Client certificate (PEM or PKCS#12).', [{ field: 'useClientCertificate', message: 'No certificate stored for this profile.' }]);
  return checked.material;
}

export async function removeClientCertificate(store: KeyStore, profileId: string): Promise<void> {
  await store.delete(profileId, KIND);
}
