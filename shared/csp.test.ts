import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './csp';

const directivesOf = (policy: string) => new Map(policy.split('; ').map((d) => { const [name, ...sources] = d.split(' '); return [name, sources] as const; }));

describe('buildContentSecurityPolicy', () => {
  it('builds the strict production policy', () => {
    expect(buildContentSecurityPolicy()).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'",
    );
  });

  it('never allows eval, inline code or remote hosts in production', () => {
    const policy = buildContentSecurityPolicy();
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('leaves frame-ancestors out of the meta variant, where browsers ignore it', () => {
    const meta = directivesOf(buildContentSecurityPolicy({ forMeta: true }));
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.get('script-src')).toEqual(["'self'"]);
  });

  it('opens only what the Vite dev server needs in dev', () => {
    const dev = directivesOf(buildContentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('script-src')).not.toContain("'unsafe-eval'");
    expect(dev.get('default-src')).toEqual(["'none'"]);
    expect(directivesOf(buildContentSecurityPolicy({ devServerOrigin: 'https://127.0.0.1:5173/' })).get('connect-src')).toEqual(["'self'", 'wss://127.0.0.1:5173']);
  });

  it('refuses a dev origin that is not an http(s) URL', () => {
    expect(() => buildContentSecurityPolicy({ devServerOrigin: 'localhost:5173' })).toThrow(/http/);
    expect(() => buildContentSecurityPolicy({ devServerOrigin: 'not a url' })).toThrow(/not a URL/);
  });
});
