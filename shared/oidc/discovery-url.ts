// Where an issuer's metadata lives, and whether a typed Issuer can be discovered at all. Pure URL
// rules, shared so the form disables Discover for exactly the reasons main would refuse it.
import { findPlaceholders } from '../settings-validation';

const OIDC_WELL_KNOWN = '/.well-known/openid-configuration';
const OAUTH_WELL_KNOWN = '/.well-known/oauth-authorization-server';

export type IssuerCheck = { ok: true; issuer: string } | { ok: false; reason: string };

/**
 * An issuer identifier is an absolute http(s) URL with no query and no fragment (OpenID Connect
 * Discovery 1.0 section 3, RFC 8414 section 2). Plain http is let through: local IdPs use it, and
 * the form warns about it. The value is trimmed: a pasted space would only make the issuer differ.
 */
export function checkIssuer(value: string): IssuerCheck {
  const issuer = value.trim();
  if (issuer === '') return { ok: false, reason: 'Type the Issuer first, e.g. https://login.example.com/realms/demo.' };
  const holes = findPlaceholders(issuer);
  if (holes.length > 0) return { ok: false, reason: `Replace ${holes.join(', ')} in the Issuer first.` };
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { ok: false, reason: 'The Issuer is not an absolute URL: it starts with https://, e.g. https://accounts.google.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `The Issuer must be an https:// URL, not ${url.protocol}` };
  if (url.search !== '' || issuer.includes('?')) return { ok: false, reason: 'An issuer has no query (?...): OpenID Connect Discovery 3 forbids one. Remove it.' };
  if (url.hash !== '' || issuer.includes('#')) return { ok: false, reason: 'An issuer has no fragment (#...). Remove it.' };
  return { ok: true, issuer };
}

/** The issuer's path, without a terminating slash: '' for an issuer that is just a host. */
function pathOf(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/+$/, '');
}

/**
 * OpenID Connect Discovery 1.0 section 4: the well-known path is APPENDED to the issuer, after its
 * path, with any terminating slash removed first (`https://h/tenant/` → `https://h/tenant/.well-known/…`).
 */
export function openIdConfigurationUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}${OIDC_WELL_KNOWN}`;
}

/**
 * RFC 8414 section 3.1: the well-known path is INSERTED between the host and the issuer's path
 * (`https://h/tenant` → `https://h/.well-known/oauth-authorization-server/tenant`).
 */
export function oauthAuthorizationServerUrl(issuer: string): string {
  return `${new URL(issuer).origin}${OAUTH_WELL_KNOWN}${pathOf(issuer)}`;
}

/** The URLs Discover tries, in order: the OpenID Connect one, then (on 404) RFC 8414's. */
export function discoveryUrls(issuer: string): [string, string] {
  return [openIdConfigurationUrl(issuer), oauthAuthorizationServerUrl(issuer)];
}

/** Two issuers that differ only by a terminating slash: the most common mismatch, worth saying so. */
export function differOnlyByTrailingSlash(a: string, b: string): boolean {
  return a !== b && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
