// What a flow is, as the renderer sees it: a snapshot sent on every change, with its full trace.
// Nothing here ever holds the client secret; the token request in the trace has it redacted.
import type { ChallengeExplanation, VerifierWarning } from './pkce';
import type { AuthorizeMode } from './settings';
import type { FlowError } from './errors';
import type { TokenValidation } from './oidc/check-rows';
import type { TokenLifecycle, TracedActionKind } from './token-actions';
import type { ExchangeDraft } from './exchange-draft';
import type { DpopBinding } from './dpop';
import type { TokenRequest } from './token-request';

export type FlowStatus = 'created' | 'awaiting-redirect' | 'ready-to-exchange' | 'exchanging' | 'done' | 'failed' | 'cancelled' | 'expired';
export const FINAL_FLOW_STATUSES: readonly FlowStatus[] = ['done', 'failed', 'cancelled', 'expired'];

export type RedirectSource = 'loopback' | 'deep-link' | 'embedded' | 'manual';

/** How the client authenticated at the token endpoint. `none` whenever the secret is empty. */
/** How a request authenticated the client, as the trace shows it ('none': a public client, client_id only). */
export type ClientAuthMethod = 'basic' | 'body' | 'none' | 'private_key_jwt' | 'client_secret_jwt' | 'tls_client_auth' | 'self_signed_tls_client_auth';

/** A client certificate as the trace names it: never its key. */
export interface PresentedCertificate {
  subject: string;
  /** base64url SHA-256 (x5t#S256). */
  thumbprint: string;
}

/** A JWT's protected header and payload as sent: not secret (the signature is not shown), shown in the trace. */
export interface DecodedAssertion {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * A client-authenticated POST as the trace keeps it (the token request, the PAR push): the request
 * with its Authorization header's credentials and client_secret redacted, and who sent it.
 */
export type TracedClientPost = TokenRequest & {
  clientId: string;
  /** Mutual TLS: the client certificate presented in the TLS handshake (public facts only). */
  tlsClientCertificate?: PresentedCertificate;
  /** private_key_jwt / client_secret_jwt: the client_assertion sent, decoded (what was signed). */
  clientAssertion?: DecodedAssertion;
};

export type TraceEntry =
  | {
      kind: 'authorization_request';
      at: string;
      url: string;
      params: [string, string][];
      mode: AuthorizeMode;
      redirectUri: string;
    }
  | { kind: 'redirect'; at: string; url: string; source: RedirectSource; params: Record<string, string> }
  | ({
      kind: 'token_request';
      at: string;
      /** Pause mode: the fields the user changed before Exchange (see shared/exchange-draft.ts). */
      edited?: string[];
      /** Exchange again: the same code sent a second time. */
      replay?: boolean;
    } & TracedClientPost)
  | {
      kind: 'token_response';
      at: string;
      status: number;
      statusText: string;
      headers: Record<string, string>;
      body: string;
      truncated: boolean;
      durationMs: number;
    }
  | {
      /** A request made with the flow's tokens after the flow: refresh, revoke, introspect, UserInfo, API call, sign-out. */
      kind: 'action_request';
      at: string;
      action: TracedActionKind;
      url: string;
      method: string;
      /** As sent; a Basic header's credentials redacted (a Bearer header keeps its token, masked on screen). */
      headers: Record<string, string>;
      body: string;
      bodyParams: [string, string][];
      clientAuth: ClientAuthMethod | 'bearer';
      clientId: string;
      /** Mutual TLS: the client certificate presented in the TLS handshake (public facts only). */
      tlsClientCertificate?: PresentedCertificate;
      /** private_key_jwt / client_secret_jwt: the client_assertion sent, decoded (what was signed). */
      clientAssertion?: DecodedAssertion;
    }
  | {
      kind: 'action_response';
      at: string;
      action: TracedActionKind;
      status: number;
      statusText: string;
      headers: Record<string, string>;
      body: string;
      truncated: boolean;
      durationMs: number;
    }
  | { kind: 'note'; at: string; level: 'info' | 'warning' | 'error'; message: string }
  // RFC 9126 (PAR): the pushed authorization request, shaped as the token request is (client secret
  // redacted), and the PAR endpoint's answer.
  | ({ kind: 'par_request'; at: string } & TracedClientPost)
  | { kind: 'par_response'; at: string; status: number; statusText: string; headers: Record<string, string>; body: string; truncated: boolean; durationMs: number }
  /** RFC 9101 (JAR): the signed request object, decoded (not secret: the IdP and the browser see it too). */
  | { kind: 'request_object'; at: string; jwt: string; header: Record<string, unknown>; payload: Record<string, unknown> };

/** The token endpoint's answer, with the well-known fields picked out. */
export interface TokenResult {
  receivedAt: string;
  raw: Record<string, unknown>;
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  tokenType?: string;
  /** Seconds, only when the IdP sent a usable number; anything else stays in `raw` as received. */
  expiresIn?: number;
  scope?: string;
  /** The ID token checked claim by claim, a JWT access token for information (main/oidc). */
  validation?: TokenValidation;
  /** RFC 9449: how the tokens are bound to the DPoP key, when the request carried a proof. */
  dpop?: DpopBinding;
}

export interface FlowSnapshot {
  flowId: string;
  profileId: string | null;
  tokenName: string;
  status: FlowStatus;
  startedAt: string;
  updatedAt: string;
  /** When a flow still awaiting its redirect is given up; paused at "Ready to exchange", counted again from the redirect. */
  expiresAt: string;
  mode: AuthorizeMode;
  authorizationUrl: string;
  redirectUri: string;
  state: string;
  nonce?: string;
  /** Who opens the authorization URL: the app (Electron), or the renderer (browser mode opens a tab). */
  openedBy: 'app' | 'renderer';
  pkce: ChallengeExplanation & { generated: boolean; warnings: VerifierWarning[] };
  trace: TraceEntry[];
  tokens?: TokenResult;
  error?: FlowError;
  /** Pause mode: the token request about to be sent (status 'ready-to-exchange'), then the one sent, for Exchange again. */
  exchange?: { draft: ExchangeDraft; sent?: ExchangeDraft; replays: number };
  /** After the flow: refreshes, revocations, action results (see shared/token-actions.ts). */
  lifecycle?: TokenLifecycle;
  /** Use PAR: where the request was pushed and the request_uri the browser got (RFC 9126 2.2). */
  par?: ParOutcome;
}

export interface ParOutcome {
  endpoint: string;
  requestUri: string;
  /** Seconds, as the PAR endpoint said; absent when it said nothing usable. */
  expiresIn?: number;
  pushedAt: string;
}
