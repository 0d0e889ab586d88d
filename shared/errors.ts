// Typed errors that cross the contract. Every failure a user can meet has a code a UI can act on
// and a message a person can read.

export type ApiErrorCode =
  | 'invalid_input' // a payload failed its schema
  | 'invalid_settings' // the form cannot start a flow as it is (see `fields`)
  | 'not_found'
  | 'conflict' // e.g. a profile changed since it was loaded
  | 'keychain_unavailable'
  | 'secret_endpoint_changed' // a stored client secret would go to an origin it was not saved for
  | 'import_invalid'
  | 'forbidden' // IPC sender or browser-mode token check failed
  | 'unsupported' // e.g. the embedded window in browser mode
  | 'internal';

export interface FieldIssue {
  /** The settings field (e.g. `authUrl`) or a path such as `profiles[0].settings.clientId`. */
  field: string;
  message: string;
}

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  fields?: FieldIssue[];
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorCode;
  readonly fields?: FieldIssue[];
  constructor(code: ApiErrorCode, message: string, fields?: FieldIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (fields) this.fields = fields;
  }
  toShape(): ApiErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

/** Why a flow failed: each kind is a different thing for the user to fix. */
export type FlowErrorKind =
  | 'authorization_error' // the redirect carried ?error=
  | 'state_mismatch' // a redirect whose state matches no pending flow
  | 'malformed_redirect' // a parameter twice, or code with error (RFC 6749 3.1, 4.1.2)
  | 'issuer_mismatch' // RFC 9207: the redirect's iss is missing or not the issuer (mix-up defence)
  | 'connection_refused'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'network'
  | 'response_too_large'
  | 'non_json' // e.g. an HTML error page
  | 'oauth_error' // token endpoint answered {"error": ...}
  | 'http_status' // non-2xx without a usable body
  | 'invalid_token_response' // 2xx JSON but no access_token
  | 'launch_failed' // the browser or window could not be opened
  | 'par_failed' // the pushed authorization request (RFC 9126) was refused or got no usable answer: no browser opened
  | 'client_assertion' // private_key_jwt / client_secret_jwt: no assertion could be made (no key, no secret, audience)
  | 'cancelled'
  | 'expired';

export interface FlowError {
  kind: FlowErrorKind;
  message: string;
  /** OAuth `error`, `error_description`, `error_uri` when the IdP sent them. */
  error?: string;
  errorDescription?: string;
  errorUri?: string;
  /** What a well-known OAuth `error` means, in words (also at the end of `message`). */
  hint?: string;
  httpStatus?: number;
  /** The raw response body (or redirect URL), as received, for the user to read. */
  raw?: string;
}
