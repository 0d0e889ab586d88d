// Renderer build: zod schemas built at a module's top level (`export const X = z.object(...)`) are
// marked side-effect free, so the bundler drops those the page never uses. The renderer imports
// shared/ modules for their constants and helpers, not for their schemas; without this, importing
// one constant would ship zod and build every schema on each load (README, Performance).
// Only top-level `const` initializers are touched: a `.parse()` in a function body is a check that
// must stay, and `z.config(...)` is a real side effect (shared/zod-jitless.ts).
import { parseSync, type ESTree, type Plugin } from 'vite';

const PURE = '/* @__PURE__ */ ';
const NOT_PURE = new Set(['config']);
/** Imported schemas are known by name (shared/ names them all `…Schema`). */
const IMPORTED_SCHEMA = /Schema$/;

type Node = ESTree.Node;

/** `code` with every schema-building call chain in a top-level `const` initializer annotated as pure. */
export function annotateZodCalls(code: string, fileName = 'module.ts'): string {
  if (!/\bz\./.test(code)) return code;
  const { program } = parseSync(fileName, code);
  const schemaRoots = new Set(['z']);
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const spec of statement.specifiers) if (IMPORTED_SCHEMA.test(spec.local.name)) schemaRoots.add(spec.local.name);
    }
  }
  const starts = new Set<number>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (!declarator.init) continue;
      const before = starts.size;
      collectSchemaCalls(declarator.init, schemaRoots, starts);
      // A const built from a schema is a schema too (e.g. `const id = z.string()`, then `id.nullable()`).
      if (starts.size > before && declarator.id.type === 'Identifier' && starts.has(declarator.init.start)) schemaRoots.add(declarator.id.name);
    }
  }
  let out = code;
  for (const start of [...starts].sort((a, b) => b - a)) out = out.slice(0, start) + PURE + out.slice(start);
  return out;
}

/** Schema calls in an expression, not inside function bodies (those run later, if at all). */
function collectSchemaCalls(node: Node, roots: Set<string>, starts: Set<number>): void {
  if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return;
  if (node.type === 'CallExpression') {
    const chain = chainOf(node);
    // A chain's calls all start where it starts: one annotation there covers the outermost call.
    if (chain && roots.has(chain.root) && !(chain.root === 'z' && NOT_PURE.has(chain.first ?? ''))) starts.add(node.start);
    // The bundler takes `Object.keys(x)` for a possible side effect (a getter could run): a list of
    // schemas' names (shared/contract.ts METHOD_NAMES) would keep every schema.
    else if (chain?.root === 'Object' && chain.first === 'keys' && node.callee.type === 'MemberExpression') starts.add(node.start);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || value === null || typeof value !== 'object') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') collectSchemaCalls(child as Node, roots, starts);
    }
  }
}

/** `z.object(…).strict()` → root `z`, first member `object`; null unless a chain of calls and dots on an identifier. */
function chainOf(call: ESTree.CallExpression): { root: string; first: string | null } | null {
  let node: Node = call;
  let first: string | null = null;
  for (;;) {
    if (node.type === 'CallExpression') node = node.callee;
    else if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
      first = node.property.name;
      node = node.object;
    } else return node.type === 'Identifier' ? { root: node.name, first } : null;
  }
}

export function zodPurePlugin(): Plugin {
  return {
    name: 'pkce-inspector-zod-pure',
    apply: 'build',
    transform: {
      filter: { id: /\/shared\/.*\.ts$/ },
      handler: (code, id) => ({ code: annotateZodCalls(code, id), map: null }),
    },
  };
}
