// `{{variable}}` references in other tools' settings. A reference with a value in the file (a Postman
// environment, collection variables, an Insomnia or Bruno environment) is replaced by it; one without
// becomes this app's `{placeholder}` (which must be filled in before a flow starts), with a note.
import type { ImportNote } from '../../shared/import-types';

export type VariableScope = { label: string; values: ReadonlyMap<string, string> };

/** `{{name}}`, `{{ name }}`, Insomnia's `{{ _.name }}` and `{{ _['name'] }}`. */
const REFERENCE = /\{\{\s*(?:_\.|_\[['"])?([^{}'"\]]+?)(?:['"]\])?\s*\}\}/g;
/** Insomnia / Nunjucks template tags (`{% response ... %}`, `{% uuid %}`): only that tool can run them. */
const TEMPLATE_TAG = /\{%\s*([\w-]+)[^%]*%\}/g;
const MAX_DEPTH = 10;

export class VariableResolver {
  constructor(
    private readonly scopes: VariableScope[],
    /** Where a user would define a missing variable, for the note ("in the Postman environment"). */
    private readonly whereToDefine: string,
  ) {}

  /** The value with every reference it can resolve resolved; notes for the others, under `field`. */
  resolve(value: string, field: string, notes: ImportNote[]): string {
    const missing = new Set<string>();
    const tags = new Set<string>();
    const out = this.expand(value, 0, missing, tags, new Set());
    for (const name of missing) {
      const reason = name.startsWith('$')
        ? `{{${name}}} is one of the tool's dynamic variables, generated per request: left as the placeholder ${placeholderFor(name)}; fill in a value before a flow.`
        : `{{${name}}} has no value in the file${this.whereToDefine ? ` (${this.whereToDefine})` : ''}: left as the placeholder ${placeholderFor(name)}, to fill in before a flow.`;
      notes.push({ field, reason });
    }
    for (const tag of tags) notes.push({ field, reason: `The template tag {% ${tag} %} is run by the tool that exported it only: left as the placeholder ${placeholderFor(tag)}.` });
    return out;
  }

  /** Like resolve, but only a value that resolves completely counts (a client secret is never half a placeholder). */
  resolveFully(value: string): string | null {
    const missing = new Set<string>();
    const tags = new Set<string>();
    const out = this.expand(value, 0, missing, tags, new Set());
    return missing.size === 0 && tags.size === 0 ? out : null;
  }

  private lookup(name: string): string | undefined {
    for (const scope of this.scopes) {
      const found = scope.values.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private expand(value: string, depth: number, missing: Set<string>, tags: Set<string>, seen: Set<string>): string {
    const replaced = value.replace(REFERENCE, (whole, rawName: string) => {
      const name = rawName.trim();
      const found = depth < MAX_DEPTH && !seen.has(name) ? this.lookup(name) : undefined;
      if (found === undefined) {
        missing.add(name);
        return placeholderFor(name);
      }
      return this.expand(found, depth + 1, missing, tags, new Set([...seen, name]));
    });
    return replaced.replace(TEMPLATE_TAG, (_whole, tag: string) => {
      tags.add(tag);
      return placeholderFor(tag);
    });
  }
}

/** This app's placeholder syntax takes no spaces or braces inside. */
export function placeholderFor(name: string): string {
  return `{${name.replace(/[{}\s]+/g, '_') || 'variable'}}`;
}

/** Flattens nested environment data (`{ auth: { id: 1 } }` → `auth.id`), as Insomnia's `_.auth.id` reads it. */
export function flattenVariables(data: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof data !== 'object' || data === null) return out;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.set(name, String(value));
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) flattenVariables(value, name, out);
  }
  return out;
}
