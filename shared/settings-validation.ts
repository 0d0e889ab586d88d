// Whether the form can start a flow, field by field. Errors block the flow; warnings are shown and
// the user may go on (a tester may mean to probe a lax IdP). Shared so the form shows exactly what
// main will enforce.
import type { FieldIssue } from './errors';
import { APP_SCHEME } from './app-identity';
import { checkParJarSettings } from './par-jar';
import { clientCertificateIssues } from './mtls';
import { checkCodeVerifier } from './pkce';
import { MAX_CLOCK_SKEW_SECONDS, type AuthorizeMode, type FlowSettings } from './settings';

export interface SettingsCheck {
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

const PLACEHOLDER = /\{[^{}\s]+\}/g;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** `{tenant}`-style placeholders left from a preset. */
export function findPlaceholders(value: string): string[] {
  return value.match(PLACEHOLDER) ?? [];
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

export function checkSettings(settings: FlowSettings, supportedModes?: readonly AuthorizeMode[]): SettingsCheck {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const need = (field: keyof FlowSettings, message: string) => errors.push({ field, message });
  const warn = (field: keyof FlowSettings, message: string) => warnings.push({ field, message });

  for (const field of ['authUrl', 'accessTokenUrl', 'callbackUrl', 'clientId', 'scope', 'audience', 'resource', 'tokenRequestOrigin'] as const) {
    const holes = findPlaceholders(settings[field]);
    if (holes.length > 0) need(field, `Replace ${holes.join(', ')} with your own value.`);
  }
  const endpoint = (field: 'authUrl' | 'accessTokenUrl', label: string) => {
    const value = settings[field].trim();
    if (value === '') return need(field, `${label} is required.`);
    if (findPlaceholders(value).length > 0) return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return need(field, `${label} is not an absolute URL (it should start with https://).`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return need(field, `${label} must be an http(s) URL, not ${url.protocol}`);
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) warn(field, `${label} uses plain http: codes and tokens cross the network unencrypted (RFC 9700 requires TLS).`);
    if (url.hash) need(field, `${label} must not have a fragment (#...).`);
  };
  endpoint('authUrl', 'Auth URL');
  endpoint('accessTokenUrl', 'Access Token URL');
  if (settings.clientId.trim() === '') need('clientId', 'Client ID is required.');
  else if (settings.clientId !== settings.clientId.trim()) warn('clientId', 'Client ID starts or ends with a space (pasted?): it is sent exactly as typed, and the IdP will not know that client.');

  if (supportedModes && !supportedModes.includes(settings.authorizeMode)) {
    need('authorizeMode', 'This way of authorizing is not available here (browser mode supports the system browser with a loopback redirect only).');
  }
  checkCallback(settings, need, warn);

  if (settings.codeVerifier !== '') {
    for (const w of checkCodeVerifier(settings.codeVerifier)) warn('codeVerifier', w.message);
  }
  if (settings.codeChallengeMethod === 'plain') warn('codeChallengeMethod', 'plain sends the verifier itself as the challenge; RFC 7636 and RFC 9700 want S256 unless the client cannot compute SHA-256.');
  if (settings.state !== '' && settings.state.length < 8) warn('state', 'A short fixed state is guessable; leave it empty for a random one per flow.');
  // Placeholders were reported above; parsing them as an Origin would only add a second, vaguer error.
  if (settings.tokenRequestOrigin.trim() !== '' && findPlaceholders(settings.tokenRequestOrigin).length === 0) {
    try {
      const origin = new URL(settings.tokenRequestOrigin.trim());
      if (origin.origin === 'null' || origin.origin !== settings.tokenRequestOrigin.trim().replace(/\/$/, '')) {
        need('tokenRequestOrigin', 'An Origin is scheme://host[:port] with no path, e.g. http://localhost:3000.');
      }
    } catch {
      need('tokenRequestOrigin', 'An Origin is scheme://host[:port], e.g. http://localhost:3000.');
    }
  }
  checkOidcSettings(settings, need, warn);
  checkParJarSettings(settings, need, warn);
  errors.push(...clientCertificateIssues(settings));
  // Send as Header: the name must be an HTTP token, or no request could carry it (RFC 9110 5.1).
  for (const field of ['extraTokenParams', 'extraRefreshParams'] as const) {
    const bad = settings[field].filter((row) => row.enabled !== false && row.sendAs === 'header' && row.key.trim() !== '' && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(row.key.trim()));
    if (bad.length > 0) need(field, `Not a valid header name (Send as Header): ${bad.map((row) => `"${row.key.trim()}"`).join(', ')}.`);
  }
  return { errors, warnings };
}

/** The ID token checks' settings: a JWKS URI that cannot be fetched only loses the Signature check. */
function checkOidcSettings(settings: FlowSettings, need: (f: keyof FlowSettings, m: string) => void, warn: (f: keyof FlowSettings, m: string) => void): void {
  const skew = settings.clockSkewSeconds;
  if (!Number.isInteger(skew) || skew < 0 || skew > MAX_CLOCK_SKEW_SECONDS) need('clockSkewSeconds', `Clock skew must be a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}.`);
  const jwksUri = settings.jwksUri.trim();
  if (jwksUri === '') return;
  const holes = findPlaceholders(jwksUri);
  if (holes.length > 0) return need('jwksUri', `Replace ${holes.join(', ')} with your own value.`);
  const url = URL.parse(jwksUri);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) warn('jwksUri', 'JWKS URI is not an absolute http(s) URL: ID token signatures will not be checked.');
}

function checkCallback(settings: FlowSettings, need: (f: keyof FlowSettings, m: string) => void, warn: (f: keyof FlowSettings, m: string) => void): void {
  const value = settings.callbackUrl.trim();
  if (value === '') return need('callbackUrl', 'Callback URL is required.');
  if (findPlaceholders(value).length > 0) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return need('callbackUrl', 'Callback URL is not an absolute URL.');
  }
  if (url.hash) return need('callbackUrl', 'A redirect URI must not contain a fragment (RFC 6749 3.1.2).');
  switch (settings.authorizeMode) {
    case 'browser-loopback':
      if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
        need('callbackUrl', 'With a loopback redirect the Callback URL must be http://127.0.0.1[:port]/path (or [::1] / localhost); leave the port out for an ephemeral one.');
      } else if (url.hostname === 'localhost') {
        warn('callbackUrl', 'RFC 8252 8.3 prefers the IP literal 127.0.0.1 to localhost.');
      }
      break;
    case 'browser-scheme':
      if (url.protocol !== `${APP_SCHEME}:`) need('callbackUrl', `With a custom-scheme redirect the Callback URL must use this app's scheme: ${APP_SCHEME}:/callback`);
      break;
    case 'embedded':
      // Any URL works: the embedded window intercepts the navigation before it leaves the app.
      if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) warn('callbackUrl', 'A plain-http callback on another host is what an attacker could observe; fine for a test, not for production.');
      break;
  }
}
