// Reading certificate files the user chooses: PEM as text, PKCS#12 as base64 for the contract (it
// carries JSON). The bytes go to main once, for the keychain; nothing here keeps them.
import { readFileText } from '../profiles/download';

export { readFileText };

/** A binary file (.p12 / .pfx) as base64, via a data: URL (what every runtime the renderer meets supports). */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----\s*/;

/** A PEM file holding certificate(s) and the key together (a common "bundle.pem"): split in two. */
export function splitPemBundle(text: string): { certificate: string; privateKey: string | null } {
  const key = PRIVATE_KEY_BLOCK.exec(text);
  if (!key) return { certificate: text, privateKey: null };
  return { certificate: text.replace(PRIVATE_KEY_BLOCK, '').trim(), privateKey: key[0].trim() };
}
