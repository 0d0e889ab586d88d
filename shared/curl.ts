// A token request from the trace, as a shell command a user can paste to replay it (bash, zsh or any
// POSIX shell with curl, od and base64). The client secret never reaches the renderer, so it is read
// from the shell variable $CLIENT_SECRET; for Basic authentication the header is computed when the
// command runs, with RFC 6749 2.3.1's encoding (form-urlencode id and secret, then base64 of id:secret),
// so the raw secret as registered is what the user puts in CLIENT_SECRET.
import type { TraceEntry } from './flow-types';
import { REDACTED } from './token-request';

export type TokenRequestTrace = Extract<TraceEntry, { kind: 'token_request' }>;
/** A token action's request (refresh, revoke, introspect, UserInfo, API call, sign-out). */
export type ActionRequestTrace = Extract<TraceEntry, { kind: 'action_request' }>;
/** The pushed authorization request (RFC 9126), authenticated as the token request is. */
export type ParRequestTrace = Extract<TraceEntry, { kind: 'par_request' }>;

export interface CurlCommand {
  command: string;
  /** What the user must know before running it (e.g. set CLIENT_SECRET). */
  notes: string[];
}

export const CLIENT_SECRET_VARIABLE = 'CLIENT_SECRET';
export const CLIENT_ID_VARIABLE = 'CLIENT_ID';
export const CLIENT_CERT_VARIABLE = 'CLIENT_CERT';
export const CLIENT_KEY_VARIABLE = 'CLIENT_KEY';

/** POSIX single-quoting: everything literal, a single quote written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A shell function printing its argument application/x-www-form-urlencoded, byte by byte (UTF-8 as
 * the shell holds it), exactly as shared/encoding.ts's formUrlEncode: A-Z a-z 0-9 * - . _ kept, space
 * as +, every other byte as %XX. od splits the bytes, so no locale or bash-only feature is involved.
 */
export const FORM_URLENCODE_FUNCTION = [
  `form_urlencode() { printf '%s' "$1" | od -An -v -tx1 | tr -s ' ' '\\n' | while read -r b; do case "$b" in`,
  `'') ;; 2a|2d|2e|3[0-9]|4[1-9a-f]|5[0-9a]|5f|6[1-9a-f]|7[0-9a]) printf "\\\\$(printf '%03o' "0x$b")" ;;`,
  `20) printf '+' ;; *) printf '%%%s' "$b" | tr 'a-f' 'A-F' ;; esac; done; }`,
].join(' ');

/** Stops before curl runs (the `&&` chain) when CLIENT_SECRET is not set, instead of sending an empty secret. */
const REQUIRE_SECRET = `: "\${${CLIENT_SECRET_VARIABLE}:?Set ${CLIENT_SECRET_VARIABLE} to the client secret first}"`;

/** Mutual TLS: the certificate and key files must be named before curl runs. */
const REQUIRE_CERTIFICATE = [
  `: "\${${CLIENT_CERT_VARIABLE}:?Set ${CLIENT_CERT_VARIABLE} to the client certificate file (PEM) first}"`,
  `: "\${${CLIENT_KEY_VARIABLE}:?Set ${CLIENT_KEY_VARIABLE} to the private key file (PEM) first}"`,
];

const BASIC_HEADER = `-H "Authorization: Basic $(printf '%s:%s' "$(form_urlencode "$${CLIENT_ID_VARIABLE}")" "$(form_urlencode "$${CLIENT_SECRET_VARIABLE}")" | base64 | tr -d '\\n')"`;

/**
 * Builds the command. `mask` decides how the code, verifier and other secret values are written (the
 * trace panel's mask, for the screen and for a masked copy); without it they are written in clear.
 * The client secret is never in the trace, whatever the mask.
 */
export function buildCurlCommand(request: TokenRequestTrace | ActionRequestTrace | ParRequestTrace, mask?: (name: string, value: string) => string): CurlCommand {
  const notes: string[] = [];
  // HEAD with -X would wait for a body that never comes.
  const args: string[] = [request.method === 'HEAD' ? `curl -sS -I ${shellQuote(request.url)}` : `curl -sS -X ${request.method} ${shellQuote(request.url)}`];
  let needsSecret = false;
  const basic = request.clientAuth === 'basic' && Object.keys(request.headers).some((name) => name.toLowerCase() === 'authorization');

  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === 'authorization' && basic) {
      needsSecret = true;
      args.push(BASIC_HEADER);
      continue;
    }
    if (name.toLowerCase() === 'authorization' && request.clientAuth === 'bearer' && mask) {
      // Bearer, or DPoP for a DPoP-bound token (RFC 9449 7.1): the scheme kept, the token masked.
      const [, scheme = 'Bearer', token = value] = /^(bearer|dpop)\s+(.*)$/i.exec(value) ?? [];
      args.push(`-H ${shellQuote(`${name}: ${scheme} ${mask('access_token', token)}`)}`);
      continue;
    }
    args.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }

  for (const [name, value] of request.bodyParams) {
    if (name === 'client_secret' && (value === REDACTED || request.clientAuth === 'body')) {
      needsSecret = true;
      args.push(`--data-urlencode "client_secret=$${CLIENT_SECRET_VARIABLE}"`);
      continue;
    }
    const shown = mask ? mask(name, value) : value;
    args.push(`--data-urlencode ${shellQuote(`${name}=${shown}`)}`);
  }

  // Mutual TLS: the key never reaches the renderer; curl reads the certificate and key from files the user names.
  if (request.tlsClientCertificate) {
    args.push(`--cert "$${CLIENT_CERT_VARIABLE}" --key "$${CLIENT_KEY_VARIABLE}"`);
    notes.push(`The request presented the client certificate ${request.tlsClientCertificate.subject} (x5t#S256 ${request.tlsClientCertificate.thumbprint}): set ${CLIENT_CERT_VARIABLE} and ${CLIENT_KEY_VARIABLE} to its PEM certificate and key files (for a PKCS#12 file use curl --cert-type P12 --cert file.p12:password).`);
  }
  const curl = args.join(' \\\n  ');
  const lines: string[] = [];
  if (basic) lines.push(FORM_URLENCODE_FUNCTION, `${CLIENT_ID_VARIABLE}=${shellQuote(request.clientId)}`);
  const guards = [...(needsSecret ? [REQUIRE_SECRET] : []), ...(request.tlsClientCertificate ? REQUIRE_CERTIFICATE : [])];
  lines.push([...guards, curl].join(' && '));

  if (needsSecret) {
    notes.push(`Set the client secret first, as registered at the IdP, e.g. read -rs ${CLIENT_SECRET_VARIABLE} && export ${CLIENT_SECRET_VARIABLE} (it is never shown in this app).`);
  }
  if (basic) {
    notes.push(`The Basic header is computed when the command runs: ${CLIENT_ID_VARIABLE} and ${CLIENT_SECRET_VARIABLE} are form-urlencoded, then base64-encoded as id:secret (RFC 6749 2.3.1), so the raw secret works as it is. Needs curl, od and base64.`);
  }
  if (Object.keys(request.headers).some((name) => name.toLowerCase() === 'dpop')) {
    notes.push('The DPoP proof is for one use (its jti) and a short time (its iat): a server refuses it when sent again, so a replay needs a fresh proof from the same key.');
  }
  if (request.bodyParams.some(([name]) => name === 'client_assertion')) {
    notes.push('The client_assertion is valid for 60 s and single-use (its jti): replaying this request later needs a fresh assertion, which the app makes with the key it keeps.');
  }
  if (request.bodyParams.some(([name]) => name === 'code')) {
    notes.push('An authorization code works once: replaying this request after the app used the code should fail with invalid_grant.');
  }
  return { command: lines.join('\n'), notes };
}
