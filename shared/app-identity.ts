// The app's identity, used by the shell, the installers and the form's defaults.
/** Reverse-domain custom URL scheme (RFC 8252 section 7.1), registered by every installer. */
export const APP_SCHEME = 'io.github.pkce-inspector';
export const APP_ID = 'io.github.pkce-inspector.app';
export const APP_NAME = 'PKCE Inspector';
/** The default redirect for the custom-scheme mode: scheme, one slash, path (RFC 8252 section 7.1). */
export const DEFAULT_SCHEME_CALLBACK = `${APP_SCHEME}:/callback`;
export const DEFAULT_LOOPBACK_CALLBACK = 'http://127.0.0.1/callback';
