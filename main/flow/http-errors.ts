// Turns what Node's fetch (undici) throws into a FlowError a person can act on. undici reports
// every transport failure as `TypeError: fetch failed` and puts the real reason in `cause.code`
// (sometimes inside an AggregateError when a host name resolves to several addresses), so the kind
// is read from the codes found along that cause chain.
import type { FlowError } from '../../shared/errors';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|EPROTO$)/;

/** How a failure names what was called and the field the user typed its URL in. */
export interface EndpointWords {
  /** e.g. "token endpoint" */
  endpoint: string;
  /** e.g. "token request" */
  request: string;
  /** The form field holding the URL, e.g. "Access Token URL". */
  field: string;
}

export const TOKEN_ENDPOINT: EndpointWords = { endpoint: 'token endpoint', request: 'token request', field: 'Access Token URL' };
export const JWKS_ENDPOINT: EndpointWords = { endpoint: 'JWKS endpoint', request: 'JWKS request', field: 'JWKS URI' };

export interface NetworkFailureContext {
  url: string;
  timeoutMs: number;
  /** Default: the token endpoint. */
  endpoint?: EndpointWords;
}

/** Error codes found on the error, its `cause` chain and inside AggregateErrors, outermost first. */
export function collectErrorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 8) return;
    seen.add(value);
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' && !codes.includes(code)) codes.push(code);
    visit((value as { cause?: unknown }).cause, depth + 1);
    const inner = (value as { errors?: unknown }).errors;
    if (Array.isArray(inner)) for (const e of inner) visit(e, depth + 1);
  };
  visit(err, 0);
  return codes;
}

function innermostMessage(err: unknown): string {
  let current: unknown = err;
  let message = err instanceof Error ? err.message : String(err);
  for (let depth = 0; depth < 8 && current instanceof Error && current.cause !== undefined; depth++) {
    current = current.cause;
    if (current instanceof Error && current.message) message = current.message;
  }
  return message;
}

function errorName(err: unknown): string | undefined {
  return err !== null && typeof err === 'object' && typeof (err as { name?: unknown }).name === 'string' ? (err as { name: string }).name : undefined;
}

/** The FlowError for a request that never got a complete HTTP answer. */
export function describeNetworkFailure(err: unknown, context: NetworkFailureContext): FlowError {
  const { endpoint, request, field } = context.endpoint ?? TOKEN_ENDPOINT;
  let where: string;
  try {
    where = new URL(context.url).host;
  } catch {
    where = context.url;
  }
  const codes = collectErrorCodes(err);
  const detail = innermostMessage(err);
  const raw = codes.length > 0 ? `${detail} (${codes.join(', ')})` : detail;

  if (errorName(err) === 'TimeoutError' || codes.some((c) => TIMEOUT_CODES.has(c))) {
    return {
      kind: 'timeout',
      message: `The ${endpoint} at ${where} did not answer within ${Math.round(context.timeoutMs / 1000)} s. Check that the ${field} is right and the server is up; a proxy or firewall may be swallowing the request.`,
      raw,
    };
  }
  if (codes.includes('ECONNREFUSED')) {
    return {
      kind: 'connection_refused',
      message: `Nothing is listening at ${where}: the connection was refused. Check the host and port of the ${field}, and that the identity provider is running.`,
      raw,
    };
  }
  const dnsCode = codes.find((c) => DNS_CODES.has(c));
  if (dnsCode) {
    return {
      kind: 'dns',
      message:
        dnsCode === 'EAI_AGAIN'
          ? `The host name in the ${field} (${where}) could not be resolved right now (DNS temporary failure). Check your network or VPN, then try again.`
          : `The host name in the ${field} (${where}) does not exist (DNS lookup failed). Check it for typos, or whether it is only reachable over a VPN.`,
      raw,
    };
  }
  const tlsCode = codes.find((c) => TLS_CODE.test(c));
  if (tlsCode) {
    return { kind: 'tls', message: `The TLS connection to ${where} failed (${tlsCode}): ${tlsAdvice(tlsCode, field)}`, raw };
  }
  if (codes.includes('ECONNRESET') || codes.includes('UND_ERR_SOCKET') || codes.includes('EPIPE')) {
    return { kind: 'network', message: `The connection to ${where} was closed before a complete answer arrived. The server may have crashed or a proxy cut the connection.`, raw };
  }
  if (codes.includes('EHOSTUNREACH') || codes.includes('ENETUNREACH')) {
    return { kind: 'network', message: `${where} cannot be reached from this machine (no route to the host). Check your network or VPN.`, raw };
  }
  return { kind: 'network', message: `The ${request} to ${where} failed: ${detail}`, raw };
}

function tlsAdvice(code: string, field: string): string {
  const clientCertificate = clientCertificateAdvice(code);
  if (clientCertificate) return clientCertificate;
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return 'the server presents a self-signed certificate. Trust its CA in the operating system (or set NODE_EXTRA_CA_CERTS) rather than turning verification off.';
  }
  if (code === 'CERT_HAS_EXPIRED') return 'the server certificate has expired (or this computer clock is wrong).';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return `the certificate is not valid for this host name. Check the host in the ${field}.`;
  if (code.startsWith('UNABLE_TO_')) return 'the certificate chain cannot be verified: the server may be missing an intermediate certificate, or it is signed by a CA this computer does not trust (a corporate proxy, perhaps).';
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') return 'the server did not speak TLS as expected. Is the URL https:// for a server that only speaks plain http, or the wrong port?';
  return 'the certificate or TLS handshake was rejected.';
}

/** The server's TLS alerts about the client certificate (mutual TLS, RFC 8705). */
function clientCertificateAdvice(code: string): string | null {
  if (/ALERT_CERTIFICATE_REQUIRED/.test(code)) return 'the server requires a TLS client certificate and none was presented: turn on Client certificate (Advanced) and add the certificate registered for this client.';
  if (/ALERT_CERTIFICATE_EXPIRED/.test(code)) return 'the server refused the client certificate as expired: add a current one under Client certificate (Advanced).';
  if (/ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|CERTIFICATE_REVOKED|ACCESS_DENIED|DECRYPT_ERROR)/.test(code)) {
    return 'the server refused the client certificate presented: it does not trust its issuer, or does not accept it. Check that it is the certificate registered for this client, issued by a CA the server trusts.';
  }
  return null;
}
