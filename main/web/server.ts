// Browser mode's host: serves the built renderer and the contract on 127.0.0.1 only. See
// request-guards.ts for why each request is checked the way it is.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvents, ApiHandlers, EventName } from '../../shared/contract';
import { handleApiRequest, type ApiRouteContext } from './api-routes';
import { createEventStreamHub } from './event-stream';
import { sendApiError, sendText, setSecurityHeaders } from './http-replies';
import { createAccessToken, isAllowedHost, isAllowedOrigin } from './request-guards';
import { chooseEncoding, loadStaticFiles, lookupStaticFile, type ContentEncoding, type StaticFiles } from './static-files';

/** Large enough for `importProfiles` (up to 5 MB of JSON, escaped once more inside the body). */
export const DEFAULT_MAX_BODY_BYTES = 12 * 1024 * 1024;
export const WEB_HOST = '127.0.0.1';

export interface WebServerOptions {
  handlers: ApiHandlers;
  subscribe(listener: <E extends EventName>(event: E, payload: ApiEvents[E]) => void): () => void;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  maxBodyBytes?: number;
  /** Where internal errors are reported; never given request bodies or the token. */
  logError?(message: string): void;
}

export interface WebServer {
  port: number;
  origin: string;
  /** The origin with the token in the fragment: what the user opens. */
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = createAccessToken();
  const events = createEventStreamHub();
  const logError = options.logError ?? ((message: string) => console.error(message));
  let port = 0;
  let files: StaticFiles = new Map();
  const api: ApiRouteContext = {
    handlers: options.handlers,
    events,
    token,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onInternalError: (method, err) => logError(`[web] ${method} failed: ${err instanceof Error ? err.message : String(err)}`),
  };

  const server = createServer((req, res) => {
    handleRequest(req, res, { port, files, api }).catch((err: unknown) => {
      logError(`[web] request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendApiError(res, 500, 'internal', 'The server failed to answer this request.');
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, WEB_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
    // Read after binding, so a port in use is reported as such even before the renderer is built.
    files = await loadStaticFiles(options.rendererDir);
  } catch (err) {
    events.closeAll();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  const unsubscribe = options.subscribe((event, payload) => events.broadcast(event, payload));
  const origin = `http://${WEB_HOST}:${port}`;

  return {
    port,
    origin,
    url: `${origin}/#token=${token}`,
    token,
    async close() {
      unsubscribe();
      events.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface RequestContext {
  port: number;
  files: StaticFiles;
  api: ApiRouteContext;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
  setSecurityHeaders(res);
  const host = req.headers.host;
  if (!isAllowedHost(host, ctx.port)) return sendText(res, 421, `This server answers only for 127.0.0.1:${ctx.port} or localhost:${ctx.port}.`);
  if (!isAllowedOrigin(req.headers.origin, host!)) return sendApiError(res, 403, 'forbidden', 'Requests from other origins are refused.');

  const pathname = parsePathname(req.url);
  if (pathname === null) return sendText(res, 400, 'Bad request path.');
  if (pathname.startsWith('/api/')) return handleApiRequest(req, res, pathname, ctx.api);

  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' });
  const file = lookupStaticFile(ctx.files, pathname);
  if (!file) return sendText(res, 404, 'Not found.');
  const encoding = chooseEncoding(req.headers['accept-encoding'], Object.keys(file.encoded) as ContentEncoding[]);
  const sent = (encoding && file.encoded[encoding]) || { body: file.body, etag: file.etag };
  const headers: Record<string, string> = { 'Content-Type': file.contentType, 'Cache-Control': file.cacheControl, ETag: sent.etag };
  // The body depends on Accept-Encoding whenever a compressed variant exists.
  if (Object.keys(file.encoded).length > 0) headers.Vary = 'Accept-Encoding';
  if (encoding) headers['Content-Encoding'] = encoding;
  if (req.headers['if-none-match'] === sent.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': sent.body.length });
  res.end(req.method === 'HEAD' ? undefined : sent.body);
}

function parsePathname(url: string | undefined): string | null {
  if (!url?.startsWith('/')) return null;
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
}
