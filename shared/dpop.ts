// DPoP (RFC 9449) as data both sides share: which algorithm a profile's proofs use, what the form
// shows of the key (public parts only), and how the tokens turned out bound to it. Pure: signing
// and the private key live in main (main/dpop/).

/** The algorithms main can make a key pair for (RFC 9449 leaves the choice to the server's list). */
export const DPOP_ALGS = ['ES256', 'ES384', 'ES512', 'Ed25519', 'EdDSA', 'PS256', 'RS256'] as const;
export type DpopAlg = (typeof DPOP_ALGS)[number];
export const DEFAULT_DPOP_ALG: DpopAlg = 'ES256';

export const isDpopAlg = (value: string): value is DpopAlg => (DPOP_ALGS as readonly string[]).includes(value);

export type DpopAlgChoice = { ok: true; alg: DpopAlg; source: 'setting' | 'metadata' | 'default' } | { ok: false; reason: string };

/**
 * The algorithm of the profile's DPoP key: the one chosen in the form, else ES256 when the IdP's
 * `dpop_signing_alg_values_supported` allows it (or says nothing), else the first it lists that
 * main can make a key for.
 */
export function chooseDpopAlg(settings: { dpopAlg: string; metadata: { metadata: { dpop_signing_alg_values_supported?: string[] | undefined } } | null }): DpopAlgChoice {
  const chosen = settings.dpopAlg.trim();
  if (chosen !== '') {
    return isDpopAlg(chosen) ? { ok: true, alg: chosen, source: 'setting' } : { ok: false, reason: `DPoP algorithm ${chosen} is not one this app can make a key for (${DPOP_ALGS.join(', ')}).` };
  }
  const supported = settings.metadata?.metadata.dpop_signing_alg_values_supported;
  if (!supported || supported.length === 0) return { ok: true, alg: DEFAULT_DPOP_ALG, source: 'default' };
  if (supported.includes(DEFAULT_DPOP_ALG)) return { ok: true, alg: DEFAULT_DPOP_ALG, source: 'metadata' };
  const usable = supported.find(isDpopAlg);
  if (usable) return { ok: true, alg: usable, source: 'metadata' };
  return { ok: false, reason: `The IdP's dpop_signing_alg_values_supported (${supported.join(', ')}) names no algorithm this app can make a key for (${DPOP_ALGS.join(', ')}).` };
}

/** The public side of a profile's DPoP key, as the form shows it. */
export interface DpopKeyInfo {
  alg: DpopAlg;
  /** RFC 7638 JWK thumbprint (SHA-256, base64url): `dpop_jkt`, and what `cnf.jkt` of a bound token must equal. */
  thumbprint: string;
  publicJwk: Record<string, unknown>;
  createdAt: string;
  /** An unsaved profile's key: in memory for this app session only, never in the keychain. */
  ephemeral: boolean;
}

export type DpopVerdict = 'pass' | 'fail' | 'not checked';

export interface DpopCheckRow {
  name: 'Token type' | 'Key binding (cnf.jkt)';
  verdict: DpopVerdict;
  reason: string;
}

/** How a token response turned out bound to the DPoP key its request proved possession of. */
export interface DpopBinding {
  thumbprint: string;
  rows: DpopCheckRow[];
}
