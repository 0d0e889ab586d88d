import { describe, expect, it } from 'vitest';
import type { StaticFile } from '../web/static-files';
import { appProtocolResponse } from './app-protocol-response';

const file = (body: string, contentType: string): StaticFile => ({ body: Buffer.from(body), contentType, etag: '"e"', cacheControl: 'no-cache', encoded: {} });
const files = new Map<string, StaticFile>([
  ['/index.html', file('<!doctype html>', 'text/html; charset=utf-8')],
  ['/assets/index-abcdef12.js', file('console.log(1)', 'text/javascript; charset=utf-8')],
]);

describe('appProtocolResponse', () => {
  it('serves the page and its assets with the strict CSP header', () => {
    const page = appProtocolResponse(files, 'GET', 'app://pkce-inspector/index.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(page.body).toString()).toBe('<!doctype html>');
    expect(appProtocolResponse(files, 'GET', 'app://pkce-inspector/').status).toBe(200);
    expect(appProtocolResponse(files, 'GET', 'app://pkce-inspector/assets/index-abcdef12.js').headers['content-type']).toMatch(/javascript/);
  });

  it('answers 404 for files outside the build, traversal attempts and other hosts', () => {
    for (const url of ['app://pkce-inspector/missing.js', 'app://pkce-inspector/../../etc/passwd', 'app://pkce-inspector/%2e%2e/%2e%2e/etc/passwd', 'app://other-host/index.html']) {
      const answer = appProtocolResponse(files, 'GET', url);
      expect(answer.status, url).toBe(404);
      expect(answer.headers['content-security-policy']).toBeDefined();
    }
  });

  it('refuses methods other than GET and HEAD, and HEAD has no body', () => {
    expect(appProtocolResponse(files, 'POST', 'app://pkce-inspector/index.html').status).toBe(405);
    const head = appProtocolResponse(files, 'HEAD', 'app://pkce-inspector/index.html');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});
