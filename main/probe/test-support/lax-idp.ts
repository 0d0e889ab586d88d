// For tests: an identity provider that gets PKCE wrong on purpose, so the probe's `fail` verdicts are
// proven against something real over HTTP. It signs everyone in at once (no pages), issues codes
// with or without a challenge, accepts `plain`, ignores the verifier and the redirect_uri at the
// token endpoint, never consumes a code (replays work), and issues opaque tokens.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LaxIdp {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  /** Every token request's form parameters, in order. */
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

export async function startLaxIdp(): Promise<LaxIdp> {
  const codes = new Set<string>();
  const tokenRequests: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
      const code = randomBytes(16).toString('hex');
      codes.add(code);
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: redirect.toString() }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const params = new URLSearchParams(body);
        tokenRequests.push(params);
        const known = codes.has(params.get('code') ?? '');
        res.writeHead(known ? 200 : 400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(known ? { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 3600 } : { error: 'invalid_grant', error_description: 'unknown code' }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    authorizationEndpoint: `${issuer}/authorize`,
    tokenEndpoint: `${issuer}/token`,
    clientId: 'lax-client',
    tokenRequests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
