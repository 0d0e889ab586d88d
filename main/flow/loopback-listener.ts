// The loopback redirect listener of RFC 8252 7.3: an HTTP server bound to the loopback interface
// only, for one flow. Only a GET to the callback's exact path carrying `code` or `error` is handed on
// (to the router, which decides); favicon requests, other paths and bare visits get a 404 and leave
// the flow waiting.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../shared/errors';
import { parseRedirect } from '../../shared/redirect';
import { CALLBACK_PAGE_HEADERS, renderCallbackPage, type CallbackPage } from './callback-page';

const CLOSE_GRACE_MS = 1_000;

export type CallbackVerdict = { accepted: true } | { accepted: false; reason: string };

export interface LoopbackListenerOptions {
  /** The Callback URL from the form: http://127.0.0.1[:port]/path, http://[::1]..., or http://localhost... */
  callbackUrl: string;
  /** Called once per candidate callback request; the answer decides the page shown in the browser. */
  onCallback: (url: string) => Promise<CallbackVerdict>;
  /**
   * 'authorization-response' (default): only a request carrying code or error is a callback.
   * 'post-logout': the end of an RP-Initiated Logout, which carries only state (or nothing).
   */
  expects?: 'authorization-response' | 'post-logout';
}

export interface LoopbackListener {
  /** The concrete redirect URI, with the port actually bound. */
  readonly redirectUri: string;
  readonly port: number;
  /** The IP literal actually bound: always a loopback address. */
  readonly boundAddress: string;
  close(): Promise<void>;
}

interface BindTarget {
  /** The address to bind: always a loopback IP literal. */
  address: string;
  /** The host as written in the redirect URI (localhost stays localhost: it must match the registration). */
  uriHost: string;
  port: number;
  path: string;
}

export function loopbackBindTarget(callbackUrl: string): BindTarget {
  const fail = (message: string) => new ApiError('invalid_settings', message, [{ field: 'callbackUrl', message }]);
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    throw fail('The Callback URL is not an absolute URL.');
  }
  if (url.protocol !== 'http:') throw fail('A loopback Callback URL starts with http:// (RFC 8252 7.3).');
  const host = url.hostname.toLowerCase();
  // localhost is bound as 127.0.0.1: binding the name could pick ::1 on one machine and 127.0.0.1 on
  // another, and the browser may try either (RFC 8252 8.3).
  const address = host === '127.0.0.1' || host === 'localhost' ? '127.0.0.1' : host === '[::1]' ? '::1' : null;
  if (address === null) throw fail('A loopback Callback URL uses 127.0.0.1, [::1] or localhost as its host.');
  return { address, uriHost: host, port: url.port === '' ? 0 : Number(url.port), path: url.pathname || '/' };
}

/**
 * The redirect URI a flow sends: the Callback URL exactly as typed, with the bound port put in when it
 * had none. IdPs compare redirect URIs as strings, so `http://localhost:3000` must not become
 * `http://localhost:3000/`, and a query the registration carries (`/cb?tenant=a`) must stay.
 */
export function redirectUriFor(callbackUrl: string, port: number): string {
  const typed = callbackUrl.trim();
  const url = new URL(typed);
  const match = /^(http:\/\/[^/?#]*)(.*)$/is.exec(typed);
  if (!match) return `http://${url.host}${url.pathname}${url.search}`;
  const [, authority = '', rest = ''] = match;
  if (url.port !== '' && url.port === String(port)) return typed;
  // No port, an empty one ("host:"), or the default one (":80", which URL elides): the bound port goes in.
  const host = authority.replace(/:\d*$/, '');
  return `${host}:${port}${rest}`;
}

export async function startLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const target = loopbackBindTarget(options.callbackUrl);
  let redirectUri = '';
  const server = createServer((req, res) => {
    handleRequest(req, res, target, redirectUri, options).catch(() => {
      if (!res.headersSent) send(res, 500, { kind: 'refused', reason: 'PKCE Inspector could not process this response; see the app.' });
    });
  });
  await listen(server, target);
  const { port, address: boundAddress } = server.address() as AddressInfo;
  redirectUri = redirectUriFor(options.callbackUrl, port);
  let closing: Promise<void> | undefined;
  return {
    redirectUri,
    port,
    boundAddress,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The callback request itself may still be waiting for its page (the router answers after
        // the token exchange): let it finish, drop idle keep-alive sockets now, the rest shortly.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      });
      return closing;
    },
  };
}

function listen(server: Server, target: BindTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const where = `${target.address.includes(':') ? `[${target.address}]` : target.address}:${target.port}`;
      const message =
        err.code === 'EADDRINUSE'
          ? `Port ${target.port} on ${target.address} is already in use by another program or flow. Free it, pick another port, or leave the port out of the Callback URL for an ephemeral one (if the IdP allows any port for loopback redirects, as RFC 8252 7.3 requires).`
          : err.code === 'EACCES'
            ? `Not allowed to listen on ${where}: ports below 1024 need administrator rights. Use a port above 1024, or none for an ephemeral one.`
            : err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT'
              ? `Cannot listen on ${where}: this machine has no such loopback address (IPv6 disabled?). Use 127.0.0.1.`
              : `Cannot listen on ${where}: ${err.message}`;
      reject(new ApiError('invalid_settings', message, [{ field: 'callbackUrl', message }]));
    };
    server.once('error', onError);
    server.listen({ host: target.address, port: target.port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, target: BindTarget, redirectUri: string, options: LoopbackListenerOptions): Promise<void> {
  // Rebuilt on the redirect URI's own origin rather than the Host header, which the client controls.
  const url = new URL(req.url ?? '/', redirectUri);
  const parsed = url.pathname === target.path ? parseRedirect(url.toString()) : undefined;
  const postLogout = options.expects === 'post-logout';
  if (req.method !== 'GET' || parsed === undefined || (parsed.source === 'none' && !postLogout)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    endThenHangUp(res, 'Not found');
    return;
  }
  const verdict = await options.onCallback(url.toString());
  if (!verdict.accepted) {
    send(res, 400, { kind: 'refused', reason: verdict.reason });
  } else if (postLogout) {
    send(res, 200, { kind: 'signed_out' });
  } else if (parsed.error !== undefined) {
    send(res, 200, parsed.errorDescription !== undefined ? { kind: 'idp_error', error: parsed.error, description: parsed.errorDescription } : { kind: 'idp_error', error: parsed.error });
  } else {
    send(res, 200, { kind: 'received' });
  }
}

function send(res: ServerResponse, status: number, page: CallbackPage): void {
  res.writeHead(status, CALLBACK_PAGE_HEADERS);
  endThenHangUp(res, renderCallbackPage(page));
}

/**
 * One request per tab is all there is, and a kept-alive socket would only delay closing the
 * listener: the socket is ended once the answer is out. Not announced with `Connection: close`:
 * undici (Node's fetch, which scripts and the bench's simulated browser use) then held the
 * answer back by about 0.5 ms, measured; browsers treat both alike.
 */
function endThenHangUp(res: ServerResponse, body: string): void {
  // Taken now: a finished response lets go of its socket.
  const socket = res.socket;
  res.end(body, () => socket?.end());
}
