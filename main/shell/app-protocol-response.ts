// Answers for the `app://pkce-inspector/` protocol: the built renderer from the in-memory table of
// main/web/static-files.ts (shared with browser mode, so no request path touches the file system),
// with the strict CSP as a header. Pure, so the answers are unit-tested.
import { buildContentSecurityPolicy } from '../../shared/csp';
import { lookupStaticFile, type StaticFiles } from '../web/static-files';
import { APP_HOST, APP_PROTOCOL } from './app-origin';

export interface AppProtocolResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const SECURITY_HEADERS = {
  'content-security-policy': buildContentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

export function appProtocolResponse(files: StaticFiles, method: string, requestUrl: string): AppProtocolResponse {
  const text = (status: number, body: string) => ({ status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body });
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'Method not allowed');
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return text(400, 'Bad request');
  }
  if (url.protocol !== `${APP_PROTOCOL}:` || url.host !== APP_HOST) return text(404, 'Not found');
  const file = lookupStaticFile(files, url.pathname);
  if (!file) return text(404, 'Not found');
  return {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': file.contentType, 'cache-control': file.cacheControl, etag: file.etag },
    body: method === 'HEAD' ? '' : file.body,
  };
}
