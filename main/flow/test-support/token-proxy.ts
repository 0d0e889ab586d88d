// A man in the middle for tests: forwards token requests to the IdP's real token endpoint and hands
// its JSON answer to `rewrite` before passing it on, so a test can alter what arrives "in transit"
// (a payload changed, a token swapped, a crafted token) while the IdP itself stays real.
import { startLocalServer, type LocalServer } from './local-server';

export type TokenRewrite = (json: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface TokenProxy extends LocalServer {
  /** What the next answers go through; identity by default. */
  rewrite: TokenRewrite;
}

const FORWARDED = ['authorization', 'content-type', 'origin', 'accept', 'dpop'];
/** Answer headers passed back: RFC 9449 nonce challenges must reach the client. */
const RETURNED = ['dpop-nonce', 'www-authenticate'];

export async function startTokenProxy(tokenEndpoint: string): Promise<TokenProxy> {
  const proxy = {} as TokenProxy;
  const server = await startLocalServer(async (req, res) => {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(tokenEndpoint, { method: req.method, headers, body: req.method === 'POST' ? req.body : undefined });
    const text = await answer.text();
    let body = text;
    if (answer.ok) body = JSON.stringify(await proxy.rewrite(JSON.parse(text) as Record<string, unknown>));
    const returned = Object.fromEntries(RETURNED.flatMap((name) => (answer.headers.has(name) ? [[name, answer.headers.get(name)!]] : [])));
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', ...returned });
    res.end(body);
  });
  return Object.assign(proxy, server, { rewrite: ((json) => json) as TokenRewrite });
}
