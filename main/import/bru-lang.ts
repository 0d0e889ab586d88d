// A small reader for Bruno's `.bru` files: top-level blocks `name {` … `}` (dictionaries of
// `key: value` lines, `~key` switched off, or raw text such as a JSON body or a script) and
// `name [` … `]` (lists). Blocks start and end at column 0; their content is indented. Only what
// the importer needs is interpreted; everything else is kept as lines.
import { importFailure } from './import-error';

export interface BruBlock {
  name: string;
  /** 1-based line of the block's header, for messages. */
  line: number;
  kind: 'dict' | 'list';
  /** The content lines, indentation as in the file. */
  lines: string[];
}

export interface BruEntry {
  key: string;
  value: string;
  enabled: boolean;
}

const HEADER = /^([A-Za-z][\w:.-]*)\s*([{[])\s*$/;

export function parseBru(file: string, text: string): Map<string, BruBlock> {
  const blocks = new Map<string, BruBlock>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let open: BruBlock | null = null;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    if (open) {
      if (line === (open.kind === 'dict' ? '}' : ']')) {
        blocks.set(open.name, open);
        open = null;
      } else open.lines.push(raw);
      return;
    }
    if (line === '') return;
    const header = HEADER.exec(line);
    if (!header) throw importFailure(`${file} (line ${index + 1})`, `expected the start of a block such as "meta {", found "${line.slice(0, 60)}".`);
    if (blocks.has(header[1]!)) throw importFailure(`${file} (line ${index + 1})`, `the block "${header[1]}" appears twice.`);
    open = { name: header[1]!, line: index + 1, kind: header[2] === '{' ? 'dict' : 'list', lines: [] };
  });
  const unclosed = open as BruBlock | null;
  if (unclosed) throw importFailure(`${file} (line ${unclosed.line})`, `the block "${unclosed.name}" is never closed (a "${unclosed.kind === 'dict' ? '}' : ']'}" alone on a line).`);
  return blocks;
}

/** The `key: value` lines of a dictionary block; `'''` opens a value over several lines. */
export function dictEntries(file: string, block: BruBlock | undefined): BruEntry[] {
  if (!block) return [];
  const entries: BruEntry[] = [];
  for (let i = 0; i < block.lines.length; i++) {
    const line = block.lines[i]!.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw importFailure(`${file} (line ${block.line + 1 + i})`, `"${block.name}" holds "key: value" lines; found "${line.slice(0, 60)}".`);
    let key = line.slice(0, colon).trim();
    let value = line.slice(colon + 1).trim();
    const enabled = !key.startsWith('~');
    if (!enabled) key = key.slice(1);
    if (value === "'''") {
      const parts: string[] = [];
      for (i += 1; i < block.lines.length && block.lines[i]!.trim() !== "'''"; i++) parts.push(block.lines[i]!.trim());
      value = parts.join('\n');
    }
    entries.push({ key, value, enabled });
  }
  return entries;
}

/** The names of a list block (`vars:secret [ a, b ]`). */
export function listItems(block: BruBlock | undefined): string[] {
  if (!block) return [];
  return block.lines
    .flatMap((l) => l.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** One dictionary block as a map (enabled keys only). */
export function dictMap(file: string, block: BruBlock | undefined): Map<string, string> {
  return new Map(dictEntries(file, block).filter((e) => e.enabled).map((e) => [e.key, e.value]));
}
