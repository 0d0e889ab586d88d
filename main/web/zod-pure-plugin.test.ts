import { describe, expect, it } from 'vitest';
import { annotateZodCalls } from './zod-pure-plugin';

describe('annotateZodCalls', () => {
  it('marks each schema-building call chain in a top-level const pure once, at its start, nested schemas included', () => {
    const code = `import { z } from 'zod';\n// a comment with → and … before\nexport const Row = z.object({ key: z.string().max(200), sendAs: z.enum(['query', 'body']).optional() }).strict();\nexport const list = z.array(Row).max(50).default([]);\n`;
    const out = annotateZodCalls(code);
    expect(out).toContain("export const Row = /* @__PURE__ */ z.object({ key: /* @__PURE__ */ z.string().max(200), sendAs: /* @__PURE__ */ z.enum(['query', 'body']).optional() }).strict();");
    expect(out).toContain('export const list = /* @__PURE__ */ z.array(Row).max(50).default([]);');
    expect(out.match(/@__PURE__/g)).toHaveLength(4);
  });

  it('follows schemas built from other schemas: local consts, and imports named …Schema', () => {
    const code = `import { z } from 'zod';\nimport { ImportSourceSchema, other } from './x';\nconst id = z.string().min(1);\nexport const A = { get: id.nullable(), preview: ImportSourceSchema.strict(), no: other.strict() };\n`;
    const out = annotateZodCalls(code);
    expect(out).toContain('get: /* @__PURE__ */ id.nullable()');
    expect(out).toContain('preview: /* @__PURE__ */ ImportSourceSchema.strict()');
    expect(out).toContain('no: other.strict()');
  });

  it('marks Object.keys of a top-level const pure (a list of schema names would keep every schema)', () => {
    const out = annotateZodCalls("import { z } from 'zod';\nexport const schemas = { a: z.string() };\nexport const NAMES = Object.keys(schemas);\n");
    expect(out).toContain('export const NAMES = /* @__PURE__ */ Object.keys(schemas);');
  });

  it('leaves alone z.config (a real side effect), checks in function bodies, other objects, and code without zod', () => {
    expect(annotateZodCalls("import { z } from 'zod';\nz.config({ jitless: true });\n")).not.toContain('@__PURE__');
    const checks = "import { z } from 'zod';\nconst S = z.string();\nexport function check(x) { S.parse(x); return x; }\nexport const lazy = () => S.parse('a');\nexport const refined = z.string().refine((v) => S.parse(v) === v);\n";
    const out = annotateZodCalls(checks);
    expect(out).toContain('{ S.parse(x); return x; }');
    expect(out).toContain("() => S.parse('a')");
    expect(out).toContain('(v) => S.parse(v) === v');
    expect(annotateZodCalls('const q = { string: () => 1 };\nexport const a = q.string();\nexport const b = xz.string();\n')).not.toContain('@__PURE__');
    const plain = 'export const n = 1;\n';
    expect(annotateZodCalls(plain)).toBe(plain);
  });
});
