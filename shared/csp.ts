// The app's Content Security Policy, built in one place. Electron serves it as a response header for
// the app's own pages, browser mode's server sends the same header, and the production HTML carries
// it as a <meta> tag too (see electron.vite.config.ts) so a page opened any other way stays locked.

export interface CspOptions {
  /**
   * The Vite dev server's origin (e.g. `http://localhost:5173`). Dev needs inline scripts and styles
   * (the React refresh preamble, injected styles) and the dev server's HMR websocket.
   */
  devServerOrigin?: string;
  /**
   * For a <meta http-equiv> tag: `frame-ancestors` is ignored there (and browsers warn), so it is
   * left out; only a response header can forbid framing.
   */
  forMeta?: boolean;
}

type Directives = [name: string, sources: string[]][];

export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerOrigin ? parseDevOrigin(options.devServerOrigin) : null;
  const directives: Directives = [
    ['default-src', ["'none'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', dev ? ["'self'", dev.websocket] : ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['object-src', ["'none'"]],
  ];
  if (!options.forMeta) directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

function parseDevOrigin(origin: string): { websocket: string } {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`The dev server origin is not a URL: ${origin}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The dev server origin must be http(s): ${origin}`);
  return { websocket: `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}` };
}
