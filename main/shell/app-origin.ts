// Where the app's own pages come from. In production the renderer is served through a privileged
// `app://pkce-inspector/` protocol rather than file://: it gives the pages a real, stable origin
// (file:// origins are opaque, so the IPC sender check would have nothing to compare), lets main
// send the CSP as a response header, keeps Vite's absolute asset paths working, and confines what
// the page can load to the renderer's build folder. In dev the pages come from the Vite dev server.

export const APP_PROTOCOL = 'app';
export const APP_HOST = 'pkce-inspector';
export const PRODUCTION_ORIGIN = `${APP_PROTOCOL}://${APP_HOST}`;

export interface RendererEntry {
  /** What the main window loads. */
  url: string;
  /** The only origin allowed to call the API. */
  origin: string;
  dev: boolean;
}

/** `devServerUrl` is electron-vite's `ELECTRON_RENDERER_URL`, set only by `electron-vite dev`. */
export function rendererEntry(devServerUrl: string | undefined): RendererEntry {
  if (devServerUrl) {
    const url = new URL(devServerUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`ELECTRON_RENDERER_URL must be http(s): ${devServerUrl}`);
    return { url: url.href, origin: originOf(url.href) ?? url.origin, dev: true };
  }
  return { url: `${PRODUCTION_ORIGIN}/index.html`, origin: PRODUCTION_ORIGIN, dev: false };
}

/**
 * `scheme://host[:port]`, also for our custom scheme (WHATWG `URL.origin` is "null" for schemes it
 * does not know, which would make every custom-scheme page look alike). Null for unparsable input.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`.toLowerCase();
  } catch {
    return null;
  }
}
