// A token request from the trace, as a curl command a user can paste into a shell to replay it.
// The client secret never reaches the renderer, so it appears as the shell variable $CLIENT_SECRET;
// the Basic header is rebuilt from it at run time rather than shown as a value we do not have.
import { formUrlEncode } from './encoding';
import type { TraceEntry } from './flow-types';
import { REDACTED } from './token-request';

export type TokenRequestTrace = Extract<TraceEntry, { kind: 'token_request' }>;
/** A token action's request (refresh, revoke, introspect, UserInfo, API call, sign-out). */
export type ActionRequestTrace = Extract<TraceEntry, { kind: 'action_request' }>;

export interface CurlCommand {
  command: string;
  /** What the user must know before running it (e.g. set CLIENT_SECRET). */
  notes: string[];
}

export const CLIENT_SECRET_VARIABLE = 'CLIENT_SECRET';

/** POSIX single-quoting: everything literal, a single quote written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Builds the command. Without `mask`, the code and verifier are written as they are (for copying);
 * with it, as `mask` returns them (for showing on screen). The client secret is never in the trace.
 */
export function buildCurlCommand(request: TokenRequestTrace | ActionRequestTrace, mask?: (name: string, value: string) => string): CurlCommand {
  const notes: string[] = [];
  // HEAD with -X would wait for a body that never comes.
  const lines: string[] = [request.method === 'HEAD' ? `curl -sS -I ${shellQuote(request.url)}` : `curl -sS -X ${request.method} ${shellQuote(request.url)}`];
  let needsSecret = false;

  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === 'authorization' && request.clientAuth === 'basic') {
      needsSecret = true;
      // RFC 6749 2.3.1: Basic credentials are form-urlencoded before base64; the client id is encoded here,
      // the secret at run time cannot be, hence the note below.
      const user = formUrlEncode(request.clientId);
      lines.push(`-H "Authorization: Basic $(printf '%s:%s' ${shellQuote(user)} "$${CLIENT_SECRET_VARIABLE}" | base64 | tr -d '\\n')"`);
      continue;
    }
    if (name.toLowerCase() === 'authorization' && request.clientAuth === 'bearer' && mask) {
      const token = value.replace(/^bearer\s+/i, '');
      lines.push(`-H ${shellQuote(`${name}: Bearer ${mask('access_token', token)}`)}`);
      continue;
    }
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }

  for (const [name, value] of request.bodyParams) {
    if (name === 'client_secret' && (value === REDACTED || request.clientAuth === 'body')) {
      needsSecret = true;
      lines.push(`--data-urlencode "client_secret=$${CLIENT_SECRET_VARIABLE}"`);
      continue;
    }
    const shown = mask ? mask(name, value) : value;
    lines.push(`--data-urlencode ${shellQuote(`${name}=${shown}`)}`);
  }

  if (needsSecret) {
    notes.push(`Set the client secret first, e.g. read -rs ${CLIENT_SECRET_VARIABLE} && export ${CLIENT_SECRET_VARIABLE} (it is never shown in this app).`);
  }
  if (request.clientAuth === 'basic') {
    notes.push('The Basic header is built from $CLIENT_SECRET when the command runs; if the secret has characters other than A-Z a-z 0-9 - . _ ~, form-urlencode it first (RFC 6749 2.3.1).');
  }
  if (request.bodyParams.some(([name]) => name === 'code')) {
    notes.push('An authorization code works once: replaying this request after the app used the code should fail with invalid_grant.');
  }
  return { command: lines.join(' \\\n  '), notes };
}
