// Which tool a set of files comes from, told by content (not by file name): a Postman collection
// (and environment), an Insomnia v4 or v5 export, a Bruno collection (its .bru files or its JSON
// export), or this app's own export. Each goes to its parser; anything else is refused with why.
import { parseDocument } from 'yaml';
import type { ImportFile } from '../../shared/import-types';
import { parseImport } from '../store/profile-transfer';
import { isBrunoFileSet, isBrunoJson, parseBrunoFiles, parseBrunoJson } from './bruno';
import type { ParsedImport } from './drafts';
import { importFailure, isRecord, parseJsonFile } from './import-error';
import { isInsomniaV4, isInsomniaV5, parseInsomniaV4, parseInsomniaV5 } from './insomnia';
import { isPostmanEnvironment, parsePostman, postmanCollectionVersion, type JsonFile } from './postman';

const NOT_RECOGNISED =
  'not a file PKCE Inspector can import. It reads Postman collections (v2.0, v2.1) with an optional Postman environment, Insomnia exports (v4 JSON, v5 YAML), Bruno collections (the folder\'s .bru files, or its JSON export) and its own profile exports.';

type Kind = 'postman-collection' | 'postman-environment' | 'insomnia-v4' | 'insomnia-v5' | 'bruno-json' | 'pkce-inspector';

export function parseFiles(files: ImportFile[]): ParsedImport {
  if (isBrunoFileSet(files)) return parseBrunoFiles(files);
  const classified = files.map((file) => {
    const doc = readDocument(file);
    return { file, doc, kind: kindOf(doc, file) };
  });
  const only = (kind: Kind) => classified.filter((c) => c.kind === kind);
  const collections = only('postman-collection');
  const environments = only('postman-environment');
  if (collections.length + environments.length === classified.length && collections.length > 0) {
    if (collections.length > 1) throw importFailure(collections[1]!.file.name, 'choose one Postman collection at a time (with its environment, if any).');
    if (environments.length > 1) throw importFailure(environments[1]!.file.name, 'choose at most one Postman environment with the collection.');
    const env = environments[0];
    return parsePostman(asJson(collections[0]!), env ? asJson(env) : undefined);
  }
  if (environments.length > 0 && collections.length === 0) {
    throw importFailure(environments[0]!.file.name, 'a Postman environment only holds variables: choose it together with its collection (both files at once).');
  }
  if (classified.length > 1) {
    throw importFailure(classified.map((c) => c.file.name).join(', '), 'choose one export at a time: a Postman collection with its environment, one Insomnia or Bruno export, or the .bru files of one Bruno collection.');
  }
  const [{ file, doc, kind }] = classified as [(typeof classified)[number]];
  switch (kind) {
    case 'insomnia-v4':
      return parseInsomniaV4(file.name, doc as Record<string, unknown>);
    case 'insomnia-v5':
      return parseInsomniaV5(file.name, doc as Record<string, unknown>);
    case 'bruno-json':
      return parseBrunoJson(file.name, doc as Record<string, unknown>);
    default: {
      // This app's own export: validated by the same rules as Import always used (every field checked).
      const profiles = parseImport(file.text);
      return {
        format: 'pkce-inspector',
        description: `PKCE Inspector profiles (${profiles.length})`,
        drafts: profiles.map((p) => ({ source: p.name, settings: p.settings, secret: null, notes: [] })),
        skipped: [],
      };
    }
  }
}

function kindOf(doc: unknown, file: ImportFile): Kind {
  if (postmanCollectionVersion(doc)) return 'postman-collection';
  if (isRecord(doc) && isRecord(doc.info) && typeof doc.info.schema === 'string') {
    throw importFailure(`${file.name}: info.schema`, `"${doc.info.schema}" is a Postman format this app does not read: export the collection as v2.1 (or v2.0).`);
  }
  if (isInsomniaV4(doc)) {
    const version = (doc as Record<string, unknown>).__export_format;
    if (version !== 4) throw importFailure(`${file.name}: __export_format`, `Insomnia export format ${String(version)} is not read: export again from a current Insomnia (v4 JSON or v5 YAML).`);
    return 'insomnia-v4';
  }
  if (isInsomniaV5(doc)) return 'insomnia-v5';
  if (isBrunoJson(doc)) return 'bruno-json';
  if (isPostmanEnvironment(doc)) return 'postman-environment';
  if (isRecord(doc) && Array.isArray(doc.profiles) && (doc.format === 'pkce-inspector/profiles' || typeof doc.version === 'number')) return 'pkce-inspector';
  throw importFailure(file.name, NOT_RECOGNISED);
}

/** JSON first (every tool's JSON), YAML for Insomnia v5; the error says where the text breaks. */
function readDocument(file: ImportFile): unknown {
  const text = file.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw importFailure(file.name, 'the file is empty.');
  if (/^\s*[[{]/.test(text)) return parseJsonFile(file.name, text);
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw importFailure(pos ? `${file.name} (line ${pos.line}, column ${pos.col})` : file.name, `not valid JSON or YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}.`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isRecord(value)) throw importFailure(file.name, NOT_RECOGNISED);
  return value;
}

function asJson(entry: { file: ImportFile; doc: unknown }): JsonFile {
  return { name: entry.file.name, doc: entry.doc };
}
