import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../shared/csp';
import indexHtml from './index.html?raw';
import entrySource from './main.tsx?raw';

describe('renderer/index.html', () => {
  it('carries the same CSP as the response header (meta variant), and no inline script or style', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(indexHtml);
    expect(meta?.[1]).toBe(buildContentSecurityPolicy({ forMeta: true }));
    expect(indexHtml).not.toMatch(/<style[\s>]/i);
    expect(indexHtml).not.toMatch(/\sstyle=/i);
    const scripts = [...indexHtml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.[1]).toMatch(/\bsrc="\.\/main\.tsx"/);
    expect(scripts[0]?.[2]?.trim()).toBe('');
  });
});

describe('renderer/main.tsx', () => {
  it("sets zod to jitless before anything else is imported (schemas probe for new Function when created, which the CSP refuses)", () => {
    const imports = [...entrySource.matchAll(/^import\s+(?:[^'"]*\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((match) => match[1]);
    expect(imports[0]).toBe('../shared/zod-jitless');
  });
});
