// Starting points for a new profile, one per common IdP: the issuer (for Discover) and the endpoint
// URLs with `{placeholders}` for the parts only the user knows (tenant, domain, realm...), the scopes
// and redirect the IdP expects, and notes on its quirks. A flow cannot start while a placeholder is left (checkSettings refuses).
import { APP_SCHEME, DEFAULT_LOOPBACK_CALLBACK } from './app-identity';
import { FlowSettingsSchema, type FlowSettings } from './settings';
import { findPlaceholders } from './settings-validation';

export interface Preset {
  id: string;
  name: string;
  /** One line under the name. */
  summary: string;
  /** Only the settings that differ from the defaults. */
  settings: Partial<FlowSettings>;
  /** What to register at the IdP and what tends to go wrong, in words for the user. */
  notes: string[];
  /** The IdP's own documentation of these endpoints. */
  docsUrl?: string;
}

/** `npm run demo-idp`: engineer-facing constants mirrored from demo-idp/config.ts (a test keeps them in step). */
export const DEMO_IDP_ISSUER = 'http://127.0.0.1:9090';
export const DEMO_IDP_PUBLIC_CLIENT_ID = 'pkce-inspector-public';

export const PRESETS: readonly Preset[] = [
  {
    id: 'azure-ad',
    name: 'Azure AD / Entra ID (v2.0)',
    summary: 'Microsoft identity platform, v2.0 endpoints of one tenant.',
    settings: {
      issuer: 'https://login.microsoftonline.com/{tenant}/v2.0',
      authUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
      accessTokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
      clientId: '{application_client_id}',
      scope: 'openid profile offline_access',
      callbackUrl: 'https://localhost',
      authorizeMode: 'embedded',
      clientAuthentication: 'body',
      // Microsoft Graph's "who am I": answers with a token issued for Graph (scope User.Read).
      apiUrl: 'https://graph.microsoft.com/v1.0/me',
    },
    notes: [
      '{tenant} is the Directory (tenant) ID, a domain such as contoso.onmicrosoft.com, or "organizations" / "common".',
      'In the Issuer, {tenant} must be the Directory (tenant) ID, a GUID: Entra ID names its issuer with the ID, so a domain, "common" or "organizations" there makes Discover refuse the document as another issuer\'s.',
      'https://localhost must be registered as a redirect URI of the app registration ("Web" platform with a client secret, or "Single-page application" without one). The embedded window catches the redirect, so nothing needs to listen on localhost.',
      'For the system browser instead, register http://localhost under "Mobile and desktop applications" and choose the loopback redirect: Entra ID ignores the port of a localhost redirect.',
      'A "Single-page application" registration only redeems codes in cross-origin requests: without an Origin header the token endpoint answers AADSTS9002327. Set "Origin header" (in Advanced) to https://localhost for such an app.',
      'Add API scopes such as https://graph.microsoft.com/User.Read to get an access token for that API.',
    ],
    docsUrl: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow',
  },
  {
    id: 'cyberark-identity',
    name: 'CyberArk Identity',
    summary: 'An OpenID Connect custom application in a CyberArk Identity tenant.',
    settings: {
      issuer: '{tenant_url}/{application_id}',
      authUrl: '{tenant_url}/oauth2/authorize/{application_id}',
      accessTokenUrl: '{tenant_url}/oauth2/token/{application_id}',
      clientId: '{client_id}',
      scope: 'openid profile',
      callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      authorizeMode: 'browser-loopback',
      clientAuthentication: 'body',
    },
    notes: [
      '{tenant_url} is your tenant, e.g. https://abc1234.id.cyberark.cloud; {application_id} is the Application ID of the OpenID Connect custom app (its Settings page).',
      'Add the Callback URL to the app\'s "Authorized Redirect URIs". CyberArk compares redirect URIs exactly, so give the callback a fixed port (e.g. http://127.0.0.1:53682/callback) and register that.',
      'The app issues a client secret when it is confidential; leave it empty for a public client with PKCE.',
    ],
    docsUrl: 'https://docs.cyberark.com/identity/latest/en/content/developer/oidc/auth-code-pkce.htm',
  },
  {
    id: 'okta',
    name: 'Okta',
    summary: 'The default custom authorization server of an Okta org.',
    settings: {
      issuer: 'https://{yourOktaDomain}/oauth2/default',
      authUrl: 'https://{yourOktaDomain}/oauth2/default/v1/authorize',
      accessTokenUrl: 'https://{yourOktaDomain}/oauth2/default/v1/token',
      clientId: '{client_id}',
      scope: 'openid profile offline_access',
      callbackUrl: 'http://127.0.0.1:8080/callback',
      authorizeMode: 'browser-loopback',
    },
    notes: [
      '{yourOktaDomain} is e.g. dev-123456.okta.com. For the org authorization server, remove "/default" from the Issuer and both URLs.',
      'Register the Callback URL as a "Sign-in redirect URI" of a Native app (or a Web app with a client secret); Okta compares it exactly, port included.',
      'offline_access returns a refresh token only when the app allows the Refresh Token grant.',
    ],
    docsUrl: 'https://developer.okta.com/docs/guides/implement-grant-type/authcodepkce/main/',
  },
  {
    id: 'auth0',
    name: 'Auth0',
    summary: 'An Auth0 tenant; the audience selects the API the access token is for.',
    settings: {
      issuer: 'https://{yourDomain}/',
      authUrl: 'https://{yourDomain}/authorize',
      accessTokenUrl: 'https://{yourDomain}/oauth/token',
      clientId: '{client_id}',
      scope: 'openid profile email offline_access',
      audience: '{api_identifier}',
      callbackUrl: 'http://127.0.0.1:8080/callback',
      authorizeMode: 'browser-loopback',
      clientAuthentication: 'body',
    },
    notes: [
      '{yourDomain} is e.g. my-tenant.us.auth0.com or your custom domain. Auth0\'s issuer ends with a slash: keep it in the Issuer.',
      '{api_identifier} is the Identifier of an API in Auth0 (e.g. https://api.example.com). Without an audience Auth0 issues an opaque access token for /userinfo only: clear the field if that is what you want.',
      'Add the Callback URL to the application\'s "Allowed Callback URLs" (compared exactly, port included).',
    ],
    docsUrl: 'https://auth0.com/docs/get-started/authentication-and-authorization-flow/authorization-code-flow-with-pkce',
  },
  {
    id: 'keycloak',
    name: 'Keycloak',
    summary: 'A realm of a Keycloak server (Keycloak 17 or later; older ones add /auth to the path).',
    settings: {
      issuer: '{server}/realms/{realm}',
      authUrl: '{server}/realms/{realm}/protocol/openid-connect/auth',
      accessTokenUrl: '{server}/realms/{realm}/protocol/openid-connect/token',
      clientId: '{client_id}',
      scope: 'openid profile',
      callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      authorizeMode: 'browser-loopback',
    },
    notes: [
      '{server} is e.g. https://sso.example.com (or http://127.0.0.1:8080 for a local one); {realm} is the realm name.',
      'In the client, allow "Standard flow", set "Proof Key for Code Exchange Code Challenge Method" to S256 to require PKCE, and add the Callback URL to "Valid redirect URIs" (a trailing * accepts any port).',
      'Turn on "Client authentication" for a confidential client and copy its secret from the Credentials tab.',
    ],
    docsUrl: 'https://www.keycloak.org/docs/latest/securing_apps/#_oidc',
  },
  {
    id: 'google',
    name: 'Google',
    summary: 'Google accounts, with an OAuth client of type "Desktop app".',
    settings: {
      issuer: 'https://accounts.google.com',
      authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      accessTokenUrl: 'https://oauth2.googleapis.com/token',
      clientId: '{client_id}.apps.googleusercontent.com',
      scope: 'openid profile email',
      callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      authorizeMode: 'browser-loopback',
      clientAuthentication: 'body',
    },
    notes: [
      'Create an OAuth client ID of type "Desktop app": it accepts a loopback redirect on any port with no registration (RFC 8252).',
      'Google requires the client secret of a Desktop app at the token endpoint even though it is not confidential: store it in the Client Secret field.',
      'Google blocks sign-in in embedded windows ("disallowed_useragent"): use the system browser.',
      'For a refresh token add the extra authorization parameter access_type=offline (and prompt=consent).',
    ],
    docsUrl: 'https://developers.google.com/identity/protocols/oauth2/native-app',
  },
  {
    id: 'demo-idp',
    name: 'Local demo IdP',
    summary: `The bundled oidc-provider from \`npm run demo-idp\` at ${DEMO_IDP_ISSUER}: log in as demo / demo.`,
    settings: {
      issuer: DEMO_IDP_ISSUER,
      authUrl: `${DEMO_IDP_ISSUER}/auth`,
      accessTokenUrl: `${DEMO_IDP_ISSUER}/token`,
      clientId: DEMO_IDP_PUBLIC_CLIENT_ID,
      scope: 'openid profile email offline_access',
      callbackUrl: DEFAULT_LOOPBACK_CALLBACK,
      authorizeMode: 'browser-loopback',
      // The token actions' endpoints (Revoke, Introspect, UserInfo, Sign out at IdP).
      revocationUrl: `${DEMO_IDP_ISSUER}/token/revocation`,
      introspectionUrl: `${DEMO_IDP_ISSUER}/token/introspection`,
      userinfoUrl: `${DEMO_IDP_ISSUER}/me`,
      endSessionUrl: `${DEMO_IDP_ISSUER}/session/end`,
    },
    notes: [
      'Start it first with `npm run demo-idp` (it prints its clients). The user is demo, password demo.',
      `A public native client: loopback redirect on any port, or the custom scheme ${APP_SCHEME}:/callback.`,
      'For a confidential client set "Client ID" to pkce-inspector-confidential-basic with "Send as Basic Auth header", or to pkce-inspector-confidential-post with "Send client credentials in body", and "Client Secret" to the secret that `npm run demo-idp` prints.',
      'offline_access in "Scope" gets a refresh token: the demo IdP asks for your consent to it on its consent page.',
      'PKCE is required for every client: tick "Don\'t send code_verifier (negative test)" in "Advanced" to see the token request refused.',
    ],
  },
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The full settings of a preset: the defaults with the preset's values on top. */
export function presetSettings(preset: Preset): FlowSettings {
  return FlowSettingsSchema.parse(structuredClone(preset.settings));
}

/** The `{placeholders}` still in the settings, by field: what the user must fill in before a flow. */
export function placeholdersByField(settings: FlowSettings): Array<{ field: keyof FlowSettings; placeholders: string[] }> {
  const out: Array<{ field: keyof FlowSettings; placeholders: string[] }> = [];
  for (const [field, value] of Object.entries(settings) as Array<[keyof FlowSettings, unknown]>) {
    if (typeof value !== 'string') continue;
    const placeholders = findPlaceholders(value);
    if (placeholders.length > 0) out.push({ field, placeholders });
  }
  return out;
}
