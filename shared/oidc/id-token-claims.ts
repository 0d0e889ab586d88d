// The ID token's claim checks of OpenID Connect Core 3.1.3.7 (all but the signature, which needs keys
// and lives in main), as rows. Pure: hashes for at_hash / c_hash are computed by the caller and passed
// in, so this module needs no crypto.
import { row, type CheckName, type CheckRow } from './check-rows';

/** The expected at_hash or c_hash (computed by main), or why none could be computed. */
export type HashExpectation = { value: string; hash: string } | { unavailable: string };

export interface ClaimExpectations {
  /** The issuer identifier; '' when neither discovered nor typed. */
  issuer: string;
  clientId: string;
  /** The nonce this flow sent; undefined when it sent none. */
  nonce: string | undefined;
  now: Date;
  skewSeconds: number;
  /** max_age as sent in the authorization request; undefined when it was not sent. */
  maxAge: string | undefined;
  atHash: HashExpectation;
  cHash: HashExpectation;
}

/** The hash behind at_hash / c_hash for a JWS alg (OIDC Core 3.1.3.6: the hash of the alg's own size). */
export function hashForAlg(alg: unknown): 'SHA-256' | 'SHA-384' | 'SHA-512' | undefined {
  if (typeof alg !== 'string') return undefined;
  const sized = /^(?:RS|PS|ES|HS)(256|384|512)$/.exec(alg);
  if (sized) return `SHA-${sized[1]}` as 'SHA-256' | 'SHA-384' | 'SHA-512';
  if (alg === 'ES256K') return 'SHA-256';
  // Ed25519 signs with SHA-512 inside, which OpenID's registry uses for EdDSA hashes as well.
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'SHA-512';
  return undefined;
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

function when(seconds: number, now: Date): string {
  const diff = Math.round(seconds - now.getTime() / 1000);
  const date = new Date(seconds * 1000);
  const iso = Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace('.000Z', 'Z');
  return `${iso} (${diff === 0 ? 'now' : diff > 0 ? `in ${duration(diff)}` : `${duration(-diff)} ago`})`;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3_600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function checkIdTokenClaims(payload: Record<string, unknown>, expect: ClaimExpectations): CheckRow[] {
  const nowSec = expect.now.getTime() / 1000;
  const skew = expect.skewSeconds;
  const skewWords = `clock skew ${skew} s`;
  const rows: CheckRow[] = [];

  const { iss } = payload;
  if (expect.issuer === '') {
    rows.push(row('Issuer (iss)', 'not checked', `no issuer known to compare iss ${show(iss)} with: fill Issuer or press Discover`));
  } else if (typeof iss !== 'string') {
    rows.push(row('Issuer (iss)', 'fail', `the ID token has no iss claim (required); the issuer is ${show(expect.issuer)}`));
  } else {
    rows.push(
      iss === expect.issuer
        ? row('Issuer (iss)', 'pass', `iss ${show(iss)} equals the issuer`)
        : row('Issuer (iss)', 'fail', `iss ${show(iss)} differs from the issuer ${show(expect.issuer)} (compared exactly)`),
    );
  }

  const { aud } = payload;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
  if (audiences.length === 0) {
    rows.push(row('Audience (aud)', 'fail', `the ID token has no aud claim (required); client_id is ${show(expect.clientId)}`));
  } else if (audiences.includes(expect.clientId)) {
    rows.push(row('Audience (aud)', 'pass', `aud ${show(aud)} ${typeof aud === 'string' ? 'equals' : 'contains'} client_id ${show(expect.clientId)}`));
  } else {
    rows.push(row('Audience (aud)', 'fail', `aud ${show(aud)} does not contain client_id ${show(expect.clientId)}: the ID token was issued to another client`));
  }

  const { azp } = payload;
  if (azp !== undefined) {
    rows.push(
      azp === expect.clientId
        ? row('Authorized party (azp)', 'pass', `azp ${show(azp)} equals client_id`)
        : row('Authorized party (azp)', 'fail', `azp ${show(azp)} differs from client_id ${show(expect.clientId)}`),
    );
  } else if (audiences.length > 1) {
    rows.push(row('Authorized party (azp)', 'fail', `aud has ${audiences.length} values but there is no azp claim naming client_id ${show(expect.clientId)}`));
  } else {
    rows.push(row('Authorized party (azp)', 'not checked', 'no azp claim, and aud has a single value: none is needed'));
  }

  const { exp, iat, nbf } = payload;
  if (!isTime(exp)) {
    rows.push(row('Expiry (exp)', 'fail', exp === undefined ? 'the ID token has no exp claim (required)' : `exp ${show(exp)} is not a number of seconds`));
  } else if (exp + skew > nowSec) {
    rows.push(row('Expiry (exp)', 'pass', `exp ${when(exp, expect.now)} is in the future (${skewWords})`));
  } else {
    rows.push(row('Expiry (exp)', 'fail', `the ID token expired: exp ${when(exp, expect.now)} is past, beyond the ${skewWords}`));
  }

  if (!isTime(iat)) {
    rows.push(row('Issued at (iat)', 'fail', iat === undefined ? 'the ID token has no iat claim (required)' : `iat ${show(iat)} is not a number of seconds`));
  } else if (iat - skew <= nowSec) {
    rows.push(row('Issued at (iat)', 'pass', `iat ${when(iat, expect.now)} is not in the future (${skewWords})`));
  } else {
    rows.push(row('Issued at (iat)', 'fail', `iat ${when(iat, expect.now)} is in the future, beyond the ${skewWords}: one of the clocks is wrong`));
  }

  if (nbf === undefined) {
    rows.push(row('Not before (nbf)', 'not checked', 'no nbf claim (optional)'));
  } else if (!isTime(nbf)) {
    rows.push(row('Not before (nbf)', 'fail', `nbf ${show(nbf)} is not a number of seconds`));
  } else if (nbf - skew <= nowSec) {
    rows.push(row('Not before (nbf)', 'pass', `nbf ${when(nbf, expect.now)} has passed (${skewWords})`));
  } else {
    rows.push(row('Not before (nbf)', 'fail', `the ID token is not valid yet: nbf ${when(nbf, expect.now)}, beyond the ${skewWords}`));
  }

  rows.push(nonceRow(payload.nonce, expect.nonce));
  rows.push(hashRow('Access token hash (at_hash)', 'at_hash', payload.at_hash, expect.atHash, 'the access token'));
  rows.push(hashRow('Code hash (c_hash)', 'c_hash', payload.c_hash, expect.cHash, 'the authorization code'));
  rows.push(authTimeRow(payload.auth_time, expect, nowSec));
  return rows;
}

function nonceRow(nonce: unknown, sent: string | undefined): CheckRow {
  if (sent === undefined) {
    return row('Nonce', 'not checked', `this flow sent no nonce (the scope has no openid)${nonce === undefined ? '' : `; the token carries ${show(nonce)}`}`);
  }
  if (nonce === undefined) return row('Nonce', 'fail', `the ID token has no nonce claim although this flow sent ${show(sent)}`);
  if (nonce !== sent) return row('Nonce', 'fail', `nonce ${show(nonce)} differs from the nonce this flow sent, ${show(sent)}: the ID token was not issued for this request`);
  return row('Nonce', 'pass', `nonce ${show(nonce)} equals the nonce this flow sent`);
}

function hashRow(name: CheckName, claim: string, value: unknown, expected: HashExpectation, over: string): CheckRow {
  if (value === undefined) return row(name, 'not checked', `no ${claim} claim (optional for an ID token from the token endpoint)`);
  if ('unavailable' in expected) return row(name, 'not checked', `${claim} ${show(value)} cannot be checked: ${expected.unavailable}`);
  if (value === expected.value) return row(name, 'pass', `${claim} ${show(value)} equals the left half of ${expected.hash} of ${over}`);
  return row(name, 'fail', `${claim} ${show(value)} differs from ${show(expected.value)}, the left half of ${expected.hash} of ${over}: the ID token was issued with another one`);
}

function authTimeRow(authTime: unknown, expect: ClaimExpectations, nowSec: number): CheckRow {
  const name = 'Auth time (auth_time)';
  if (expect.maxAge === undefined) {
    return row(name, 'not checked', isTime(authTime) ? `max_age was not sent; the user signed in at ${when(authTime, expect.now)}` : 'max_age was not sent, so auth_time is not required');
  }
  if (authTime === undefined) return row(name, 'fail', `max_age=${expect.maxAge} was sent, so auth_time is required, and the ID token has none`);
  if (!isTime(authTime)) return row(name, 'fail', `auth_time ${show(authTime)} is not a number of seconds`);
  const maxAge = Number(expect.maxAge);
  if (!Number.isFinite(maxAge)) return row(name, 'pass', `auth_time ${when(authTime, expect.now)} is present (max_age=${show(expect.maxAge)} is not a number, so its age is not compared)`);
  if (authTime + maxAge + expect.skewSeconds >= nowSec) {
    return row(name, 'pass', `auth_time ${when(authTime, expect.now)} is present and within max_age=${maxAge} s`);
  }
  return row(name, 'fail', `the user signed in at ${when(authTime, expect.now)}, longer ago than max_age=${maxAge} s allows (clock skew ${expect.skewSeconds} s)`);
}
