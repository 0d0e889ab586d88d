// Byte and text encodings used by PKCE, Basic auth and JWT display. Web APIs only (TextEncoder, btoa),
// so the same code runs in the renderer and in Node.

const UTF8 = new TextEncoder();
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function utf8Bytes(text: string): Uint8Array {
  return UTF8.encode(text);
}

export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/** RFC 4648 section 5, without padding, as RFC 7636 Appendix A requires. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function hexEncode(bytes: Uint8Array): string {
  let hex = '';
  // Indexed: a for…of over a typed array allocates an iterator result per byte until optimised.
  for (let i = 0; i < bytes.length; i++) hex += HEX_BYTES[bytes[i]!]!;
  return hex;
}

/** application/x-www-form-urlencoded encoding of one value (spaces become '+'), RFC 6749 Appendix B. */
export function formUrlEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}
