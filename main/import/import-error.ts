// Malformed input: one error naming the file, the place in it and what is wrong; nothing is imported.
import { ApiError } from '../../shared/errors';

export function importFailure(where: string, why: string): ApiError {
  return new ApiError('import_invalid', `${where}: ${why} Nothing was imported.`, [{ field: where, message: why }]);
}

/** `item[2].request.auth` style paths, for messages. */
export function at(base: string, ...parts: Array<string | number>): string {
  let out = base;
  for (const part of parts) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON, or says where it breaks (line and column, as an editor shows them). */
export function parseJsonFile(name: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset).split('\n');
      throw importFailure(`${name} (line ${before.length}, column ${before[before.length - 1]!.length + 1})`, `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}.`);
    }
    throw importFailure(name, `not valid JSON: ${message}.`);
  }
}
