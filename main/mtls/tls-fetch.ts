// A `fetch` for requests that present a TLS client certificate (RFC 8705). Node's global fetch
// cannot take one without an undici dispatcher (not a dependency of this app), so this one request
// goes over node:https and its answer becomes a standard Response: the HTTP client
// (main/flow/token-client.ts) then applies the same timeout, size cap and no-redirect rule to it as
// to every other request. Server certificates are verified as always: the trusted CAs are Node's.
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { FlowError } from '../../shared/errors';
import type { ClientCertificateMaterial } from '../keys/key-material';

/** Statuses whose Response may not have a body (Fetch standard "null body status"). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export class ClientCertificateOverHttp extends Error {
  readonly code = 'ERR_CLIENT_CERTIFICATE_OVER_HTTP';
}

export function fetchWithClientCertificate(certificate: ClientCertificateMaterial): typeof fetch {
  return ((input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.protocol !== 'https:') {
      return Promise.reject(new ClientCertificateOverHttp(`A client certificate is presented only over TLS, and ${url.origin} is not https.`));
    }
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(url, {
        method,
        headers,
        // A connection of its own: a pooled socket must not carry this certificate into another request.
        agent: false,
        ...(certificate.pfx ? { pfx: certificate.pfx } : { cert: certificate.certPem, key: certificate.keyPem }),
        ...(certificate.passphrase ? { passphrase: certificate.passphrase } : {}),
      });
      let response: IncomingMessage | undefined;
      // As fetch does: an abort fails the request, or the body being read, with the signal's reason (e.g. TimeoutError).
      const abort = () => {
        response?.destroy(signal?.reason as Error);
        req.destroy(signal?.reason as Error);
      };
      const settled = () => signal?.removeEventListener('abort', abort);
      signal?.addEventListener('abort', abort, { once: true });
      req.once('error', (err) => {
        settled();
        reject(err);
      });
      req.once('response', (res) => {
        response = res;
        res.once('close', settled);
        const status = res.statusCode ?? 0;
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const noBody = NULL_BODY.has(status) || method === 'HEAD';
        if (noBody) res.resume();
        try {
          resolve(new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
        } catch (err) {
          res.destroy();
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      req.end(body);
    });
  }) as typeof fetch;
}

/**
 * A connection closed while a client certificate was presented: a TLS 1.3 server that does not
 * accept the certificate closes it right after the handshake, with no answer to say so.
 */
export function withCertificateAdvice(error: FlowError): FlowError {
  if (error.kind !== 'network' || !/ECONNRESET|EPIPE/.test(error.raw ?? '')) return error;
  return {
    ...error,
    message: `${error.message} A client certificate was presented: the server may have refused it (a TLS 1.3 server closes the connection this way). Check that it is the certificate registered for this client and issued by a CA the server trusts.`,
  };
}
