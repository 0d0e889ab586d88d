// Mutual TLS (RFC 8705), the pure parts: where requests go when a client certificate is presented
// (the IdP's mtls_endpoint_aliases), what the contract accepts to store a certificate, and the public
// summary main returns about it. The key and the PKCS#12 password go to main once and never come back.
import { z } from 'zod';
import type { FieldIssue } from './errors';
import type { ClientAuthentication, FlowSettings } from './settings';

/** Client authentication by the TLS client certificate itself (RFC 8705 2.1 and 2.2). */
export const TLS_CLIENT_AUTHENTICATIONS = ['tls_client_auth', 'self_signed_tls_client_auth'] as const satisfies readonly ClientAuthentication[];

export function isTlsClientAuthentication(method: ClientAuthentication): boolean {
  return (TLS_CLIENT_AUTHENTICATIONS as readonly string[]).includes(method);
}

/** The endpoints RFC 8705 5 lets an IdP alias; what this app calls of them. */
export type MtlsEndpointName = 'token_endpoint' | 'revocation_endpoint' | 'introspection_endpoint' | 'userinfo_endpoint' | 'pushed_authorization_request_endpoint';

type AliasSettings = Pick<FlowSettings, 'useClientCertificate' | 'metadata'>;

/**
 * Where a request meant for `url` goes: with Client certificate on, the IdP's mTLS alias of that
 * endpoint (RFC 8705 5), when `url` is the endpoint the metadata advertises (a URL typed by hand
 * is an explicit choice and stays as it is). Otherwise `url` unchanged.
 */
export function mtlsEndpoint(settings: AliasSettings, name: MtlsEndpointName, url: string): string {
  if (!settings.useClientCertificate) return url;
  const metadata = settings.metadata?.metadata;
  const alias = metadata?.mtls_endpoint_aliases?.[name]?.trim();
  const advertised = metadata?.[name]?.trim();
  return alias && advertised !== undefined && url.trim() === advertised ? alias : url;
}

/** The URL the token request (and a refresh without its own URL) is sent to. */
export function tokenEndpointUrl(settings: AliasSettings & Pick<FlowSettings, 'accessTokenUrl'>): string {
  return mtlsEndpoint(settings, 'token_endpoint', settings.accessTokenUrl.trim());
}

/** 64 KiB: far above any real PEM chain or PKCS#12 bundle; the keychain item stays within its limits. */
export const CERTIFICATE_INPUT_MAX_CHARS = 65_536;

export const ClientCertificateInputSchema = z.discriminatedUnion('format', [
  z
    .object({
      format: z.literal('pem'),
      /** The certificate, or the chain with the client's certificate first. */
      certificate: z.string().min(1).max(CERTIFICATE_INPUT_MAX_CHARS),
      privateKey: z.string().min(1).max(CERTIFICATE_INPUT_MAX_CHARS),
      /** For an encrypted PEM private key. */
      password: z.string().max(1_000).optional(),
    })
    .strict(),
  z
    .object({
      format: z.literal('pkcs12'),
      /** The .p12 / .pfx file's bytes, base64. */
      pkcs12Base64: z.string().min(1).max(CERTIFICATE_INPUT_MAX_CHARS),
      password: z.string().max(1_000),
    })
    .strict(),
]);
export type ClientCertificateInput = z.infer<typeof ClientCertificateInputSchema>;

/** What the renderer may know about a stored client certificate: only public facts. */
export interface ClientCertificateSummary {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** base64url SHA-256 of the certificate (DER): what a bound token's cnf.x5t#S256 must equal. */
  thumbprint: string;
  selfSigned: boolean;
  format: 'pem' | 'pkcs12';
  /** Certificates in the chain as given (the client's own included). */
  chainLength: number;
  /** Expired or not yet valid: stored anyway (testing an IdP's refusal is a use), with this said. */
  warnings: string[];
}

/**
 * Settings errors of mutual TLS: TLS client authentication without a certificate to present, and a
 * certificate that could not be presented because the token endpoint is not https.
 */
export function clientCertificateIssues(settings: FlowSettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const method = settings.clientAuthentication;
  if (isTlsClientAuthentication(method) && !settings.useClientCertificate) {
    issues.push({ field: 'clientAuthentication', message: `${method} authenticates the client by its TLS client certificate: turn on Client certificate (Advanced) and add one to the saved profile.` });
  }
  if (settings.useClientCertificate) {
    const url = URL.parse(tokenEndpointUrl(settings));
    if (url && url.protocol === 'http:') issues.push({ field: 'useClientCertificate', message: 'A client certificate is presented in a TLS handshake: the Access Token URL must be https.' });
  }
  return issues;
}
