// DPoP-Nonce (RFC 9449 sections 8 and 9): servers may demand that proofs carry a nonce they chose.
// The latest nonce each server (origin) gave is remembered for the next proof, in main's memory
// only (nonces are not secret, and stale ones are simply challenged again). A challenge is a 400
// `use_dpop_nonce` error at an authorization server, or a 401 with
// `WWW-Authenticate: DPoP error="use_dpop_nonce"` at a resource server, with the new nonce in the
// `DPoP-Nonce` header.
import type { HttpAnswer } from '../flow/token-client';

const serverOf = (url: string) => new URL(url).origin;

export class DpopNonces {
  private readonly latest = new Map<string, string>();

  get(url: string): string | undefined {
    return this.latest.get(serverOf(url));
  }

  /** Keeps the `DPoP-Nonce` of any answer (RFC 9449 8.2: a server may send a fresh one at any time). */
  remember(url: string, answer: Pick<HttpAnswer, 'headers'>): string | undefined {
    const nonce = dpopNonceHeader(answer);
    if (nonce !== undefined) this.latest.set(serverOf(url), nonce);
    return nonce;
  }

  clear(): void {
    this.latest.clear();
  }
}

/** The nonces of this app session, shared by flows and token actions. */
export const dpopNonces = new DpopNonces();

export function dpopNonceHeader(answer: Pick<HttpAnswer, 'headers'>): string | undefined {
  const value = Object.entries(answer.headers).find(([name]) => name.toLowerCase() === 'dpop-nonce')?.[1]?.trim();
  return value ? value : undefined;
}

/** Whether the answer demands a nonce (either form); the nonce itself comes from dpopNonceHeader. */
export function isNonceChallenge(answer: Pick<HttpAnswer, 'status' | 'headers' | 'body'>): boolean {
  if (answer.status < 400 || answer.status >= 500) return false;
  const challenge = Object.entries(answer.headers).find(([name]) => name.toLowerCase() === 'www-authenticate')?.[1] ?? '';
  if (/(^|,)\s*dpop\b[^]*\berror\s*=\s*"?use_dpop_nonce"?/i.test(challenge)) return true;
  try {
    const json: unknown = JSON.parse(answer.body);
    return json !== null && typeof json === 'object' && (json as { error?: unknown }).error === 'use_dpop_nonce';
  } catch {
    return false;
  }
}
