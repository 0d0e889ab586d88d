// Bruno collections: a collection folder's `.bru` files (bruno.json, collection.bru, folder.bru,
// requests, environments/) or Bruno's JSON export of a collection. Auth with mode `oauth2` and the
// Authorization Code grant becomes a draft named by its path; `inherit` adds nothing of its own.
import type { ImportFile, ImportNote } from '../../shared/import-types';
import type { FlowSettings, KeyValueRow } from '../../shared/settings';
import { dictEntries, dictMap, listItems, parseBru, type BruBlock } from './bru-lang';
import { callbackSettings, clientSecretOf, GRANT_NOT_SUPPORTED, paramRows, PATH_SEPARATOR, scriptNote, withoutPkceNote, type ParsedImport, type RawDraft } from './drafts';
import { at, importFailure, isRecord, parseJsonFile } from './import-error';
import { VariableResolver, type VariableScope } from './variables';

/** Bruno's OAuth 2.0 settings as its JSON export names them (`.bru` keys are mapped onto these). */
interface BrunoOAuth2 {
  fields: Record<string, unknown>;
  /** The owner has a pre-request script (Bruno runs it, this app cannot). */
  script?: boolean;
  params: { authorization: BrunoParam[]; token: BrunoParam[]; refresh: BrunoParam[] };
}
interface BrunoParam {
  name: string;
  value: string;
  enabled: boolean;
  sendIn: string;
}

interface Collected {
  drafts: RawDraft[];
  skipped: ParsedImport['skipped'];
}

export function isBrunoJson(doc: unknown): boolean {
  return isRecord(doc) && Array.isArray(doc.items) && (isRecord(doc.brunoConfig) || doc.version === '1');
}

export function isBrunoFileSet(files: ImportFile[]): boolean {
  return files.some((f) => f.name.toLowerCase().endsWith('.bru'));
}

// ---- .bru files ----------------------------------------------------------------------------------

export function parseBrunoFiles(files: ImportFile[]): ParsedImport {
  const paths = files.map((f) => f.name.replace(/\\/g, '/'));
  const configIndex = paths.findIndex((p) => /(^|\/)bruno\.json$/i.test(p));
  const root = configIndex >= 0 ? dirOf(paths[configIndex]!) : commonDir(paths.filter((p) => p.endsWith('.bru')));
  let name = root.split('/').filter(Boolean).pop() ?? 'Bruno collection';
  if (configIndex >= 0) {
    const config = parseJsonFile(files[configIndex]!.name, files[configIndex]!.text);
    if (isRecord(config) && typeof config.name === 'string' && config.name.trim()) name = config.name.trim();
  }
  const inRoot = (p: string) => (root === '' ? p : p.startsWith(`${root}/`) ? p.slice(root.length + 1) : null);
  const bru = new Map<string, { file: string; blocks: Map<string, BruBlock> }>();
  files.forEach((f, i) => {
    const rel = inRoot(paths[i]!);
    if (rel !== null && rel.toLowerCase().endsWith('.bru')) bru.set(rel, { file: f.name, blocks: parseBru(f.name, f.text) });
  });

  const environments = [...bru.entries()].filter(([rel]) => rel.startsWith('environments/'));
  const envScope = environments.length === 1 ? [{ label: `environment "${baseName(environments[0]![0])}"`, values: dictMap(environments[0]![1].file, environments[0]![1].blocks.get('vars')) }] : [];
  const secretNames = new Set(environments.flatMap(([, e]) => listItems(e.blocks.get('vars:secret'))));
  const where = environments.length > 1 ? `the collection has ${environments.length} environments; none is applied, choose one's value yourself` : 'Bruno keeps secret and .env values outside the collection';

  const collected: Collected = { drafts: [], skipped: [] };
  const collectionBru = bru.get('collection.bru');
  const collectionVars = collectionBru ? dictMap(collectionBru.file, collectionBru.blocks.get('vars:pre-request')) : new Map<string, string>();
  const resolverFor = (requestVars: Map<string, string>[]) =>
    new VariableResolver([...requestVars.map((values) => ({ label: 'vars', values })), ...envScope, { label: 'collection', values: collectionVars }] as VariableScope[], where);

  if (collectionBru && dictMap(collectionBru.file, collectionBru.blocks.get('auth')).get('mode') === 'oauth2') {
    addDraft(fromBru(collectionBru.file, collectionBru.blocks), [name], resolverFor([]), collected);
  }
  const folderNames = new Map<string, string>();
  const folderVars = (dir: string): Map<string, string>[] => {
    const out: Map<string, string>[] = [];
    for (let d = dir; d !== ''; d = dirOf(d)) {
      const folder = bru.get(`${d}/folder.bru`);
      if (folder) out.push(dictMap(folder.file, folder.blocks.get('vars:pre-request')));
    }
    return out;
  };
  const pathOf = (dir: string): string[] => {
    const parts: string[] = [];
    for (let d = dir; d !== ''; d = dirOf(d)) parts.unshift(folderNames.get(d) ?? baseName(d));
    return [name, ...parts];
  };
  for (const [rel, { file, blocks }] of bru) {
    if (rel.endsWith('/folder.bru') || rel === 'folder.bru') {
      const meta = dictMap(file, blocks.get('meta')).get('name');
      if (meta) folderNames.set(dirOf(rel), meta);
    }
  }
  for (const [rel, { file, blocks }] of [...bru].sort(([a], [b]) => a.localeCompare(b))) {
    if (rel === 'collection.bru' || rel.startsWith('environments/')) continue;
    const isFolder = rel === 'folder.bru' || rel.endsWith('/folder.bru');
    const dir = dirOf(rel);
    if (isFolder) {
      if (dictMap(file, blocks.get('auth')).get('mode') === 'oauth2') addDraft(fromBru(file, blocks), pathOf(dir), resolverFor(folderVars(dir)), collected);
      continue;
    }
    if (requestAuthMode(file, blocks) !== 'oauth2') continue;
    const requestName = dictMap(file, blocks.get('meta')).get('name') || baseName(rel).replace(/\.bru$/i, '');
    addDraft(fromBru(file, blocks), [...pathOf(dir), requestName], resolverFor([dictMap(file, blocks.get('vars:pre-request')), ...folderVars(dir)]), collected);
  }
  for (const draft of collected.drafts) {
    for (const n of draft.notes) if (secretNames.size > 0 && [...secretNames].some((s) => n.reason.includes(`{{${s}}}`))) n.reason += ' (a secret variable of the environment, which Bruno keeps out of the file)';
  }
  return { format: 'bruno', description: `Bruno collection "${name}" (${bru.size} .bru file${bru.size === 1 ? '' : 's'})`, ...collected };
}

const METHOD_BLOCKS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'connect', 'trace', 'http', 'graphql'];

function requestAuthMode(file: string, blocks: Map<string, BruBlock>): string | undefined {
  for (const method of METHOD_BLOCKS) {
    const block = blocks.get(method);
    if (block) return dictMap(file, block).get('auth');
  }
  return undefined;
}

const BRU_KEYS: Record<string, string> = {
  grant_type: 'grantType',
  callback_url: 'callbackUrl',
  authorization_url: 'authorizationUrl',
  access_token_url: 'accessTokenUrl',
  refresh_token_url: 'refreshTokenUrl',
  client_id: 'clientId',
  client_secret: 'clientSecret',
  scope: 'scope',
  state: 'state',
  pkce: 'pkce',
  credentials_placement: 'credentialsPlacement',
  credentials_id: 'credentialsId',
  token_placement: 'tokenPlacement',
  token_header_prefix: 'tokenHeaderPrefix',
  token_query_key: 'tokenQueryKey',
  auto_fetch_token: 'autoFetchToken',
  auto_refresh_token: 'autoRefreshToken',
};

function fromBru(file: string, blocks: Map<string, BruBlock>): BrunoOAuth2 | undefined {
  const block = blocks.get('auth:oauth2');
  if (!block) return undefined;
  const fields: Record<string, unknown> = {};
  for (const { key, value } of dictEntries(file, block)) fields[BRU_KEYS[key] ?? key] = value === 'true' ? true : value === 'false' ? false : value;
  const params = (request: string): BrunoParam[] =>
    ['headers', 'queryparams', 'body'].flatMap((sendIn) => dictEntries(file, blocks.get(`auth:oauth2:additional_params:${request}:${sendIn}`)).map((e) => ({ name: e.key, value: e.value, enabled: e.enabled, sendIn })));
  const script = blocks.get('script:pre-request')?.lines.some((l) => l.trim() !== '') ?? false;
  return { fields, script, params: { authorization: params('auth_req'), token: params('access_token_req'), refresh: params('refresh_token_req') } };
}

// ---- JSON export ---------------------------------------------------------------------------------

export function parseBrunoJson(file: string, doc: Record<string, unknown>): ParsedImport {
  const name = typeof doc.name === 'string' && doc.name.trim() ? doc.name.trim() : 'Bruno collection';
  const environments = Array.isArray(doc.environments) ? doc.environments.filter(isRecord) : [];
  const envValues = (env: Record<string, unknown>) =>
    new Map((Array.isArray(env.variables) ? env.variables.filter(isRecord) : []).filter((v) => v.enabled !== false && typeof v.name === 'string' && typeof v.value === 'string' && v.value !== '').map((v) => [v.name as string, v.value as string]));
  const envScope = environments.length === 1 ? [{ label: 'environment', values: envValues(environments[0]!) }] : [];
  const where = environments.length > 1 ? `the export has ${environments.length} environments; none is applied, choose one's value yourself` : 'Bruno keeps secret and .env values outside the export';
  const varsOf = (request: unknown) => {
    const req = isRecord(request) && isRecord(request.vars) && Array.isArray(request.vars.req) ? request.vars.req.filter(isRecord) : [];
    return new Map(req.filter((v) => v.enabled !== false && typeof v.name === 'string').map((v) => [v.name as string, String(v.value ?? '')]));
  };
  const rootRequest = isRecord(doc.root) ? doc.root.request : undefined;
  const collectionVars = varsOf(rootRequest);
  const resolverFor = (vars: Map<string, string>[]) => new VariableResolver([...vars.map((values) => ({ label: 'vars', values })), ...envScope, { label: 'collection', values: collectionVars }], where);
  const collected: Collected = { drafts: [], skipped: [] };
  const authOf = (request: unknown, whereAt: string): BrunoOAuth2 | undefined | null => {
    if (!isRecord(request) || request.auth === undefined) return null;
    if (!isRecord(request.auth)) throw importFailure(`${file}: ${whereAt}`, 'auth must be an object.');
    if (request.auth.mode !== 'oauth2') return null;
    const oauth2 = request.auth.oauth2;
    if (!isRecord(oauth2)) throw importFailure(`${file}: ${at(whereAt, 'oauth2')}`, 'the OAuth 2.0 settings must be an object.');
    const extra = isRecord(oauth2.additionalParameters) ? oauth2.additionalParameters : {};
    const list = (key: string) => (Array.isArray(extra[key]) ? (extra[key] as unknown[]).filter(isRecord).map((p) => ({ name: String(p.name ?? ''), value: String(p.value ?? ''), enabled: p.enabled !== false, sendIn: String(p.sendIn ?? '') })) : []);
    const { additionalParameters: _extra, ...fields } = oauth2;
    const script = isRecord(request.script) && typeof request.script.req === 'string' && request.script.req.trim() !== '';
    return { fields, script, params: { authorization: list('authorization'), token: list('token'), refresh: list('refresh') } };
  };
  const rootAuth = authOf(rootRequest, 'root.request.auth');
  if (rootAuth !== null) addDraft(rootAuth, [name], resolverFor([]), collected);
  const walk = (items: unknown, path: string[], whereAt: string, vars: Map<string, string>[]) => {
    if (items === undefined) return;
    if (!Array.isArray(items)) throw importFailure(`${file}: ${whereAt}`, 'must be a list of folders and requests.');
    items.forEach((item, i) => {
      const here = at(whereAt, i);
      if (!isRecord(item)) throw importFailure(`${file}: ${here}`, 'each item must be an object.');
      const itemName = typeof item.name === 'string' && item.name.trim() ? item.name.trim() : `Item ${i + 1}`;
      if (item.type === 'folder') {
        const folderRequest = isRecord(item.root) ? item.root.request : undefined;
        const folderVars = [varsOf(folderRequest), ...vars];
        const auth = authOf(folderRequest, at(here, 'root', 'request', 'auth'));
        if (auth !== null) addDraft(auth, [...path, itemName], resolverFor(folderVars), collected);
        walk(item.items, [...path, itemName], at(here, 'items'), folderVars);
        return;
      }
      const auth = authOf(item.request, at(here, 'request', 'auth'));
      if (auth !== null) addDraft(auth, [...path, itemName], resolverFor([varsOf(item.request), ...vars]), collected);
    });
  };
  walk(doc.items, [name], 'items', []);
  return { format: 'bruno', description: `Bruno collection export "${name}"`, ...collected };
}

// ---- mapping -------------------------------------------------------------------------------------

const NOT_APPLICABLE: Record<string, string> = {
  tokenPlacement: 'where Bruno puts the token on its requests; this app sends no API requests.',
  tokenHeaderPrefix: 'the prefix Bruno puts before the token on its requests; this app sends no API requests.',
  tokenQueryKey: 'the query parameter Bruno puts the token in; this app sends no API requests.',
  username: 'belongs to the Password grant, which this app does not run.',
  password: 'belongs to the Password grant, which this app does not run.',
};
/** Bruno's own behaviour (fetching and refreshing before its requests) and defaults: nothing to tell. */
const SILENT = new Set(['autoFetchToken', 'autoRefreshToken', 'refreshTokenUrlAvailable']);
const HANDLED = new Set(['grantType', 'pkce', 'callbackUrl', 'authorizationUrl', 'accessTokenUrl', 'refreshTokenUrl', 'clientId', 'clientSecret', 'scope', 'state', 'credentialsPlacement', 'credentialsId']);
const DEFAULTS: Record<string, string> = { tokenPlacement: 'header', tokenHeaderPrefix: 'Bearer', tokenQueryKey: 'access_token' };

function addDraft(auth: BrunoOAuth2 | undefined, path: string[], resolver: VariableResolver, collected: Collected): void {
  const source = path.join(PATH_SEPARATOR);
  if (!auth) return void collected.skipped.push({ source, reason: 'Its auth mode is oauth2 but it has no auth:oauth2 block.' });
  const f = auth.fields;
  const s = (key: string) => (typeof f[key] === 'string' ? (f[key] as string) : typeof f[key] === 'number' ? String(f[key]) : '');
  const grant = s('grantType') || 'authorization_code';
  if (grant !== 'authorization_code') return void collected.skipped.push({ source, reason: GRANT_NOT_SUPPORTED(grant) });
  const notes: ImportNote[] = [];
  if (f.pkce !== true) notes.push(withoutPkceNote('pkce', 'pkce: false'));
  if (auth.script) notes.push(scriptNote('script:pre-request', 'its pre-request script'));
  const get = (key: string) => resolver.resolve(s(key), key, notes);
  const settings: Partial<FlowSettings> = { scope: get('scope') };
  const copy = (key: string, field: 'authUrl' | 'accessTokenUrl' | 'refreshTokenUrl' | 'clientId' | 'state' | 'tokenName') => {
    if (s(key) !== '') settings[field] = get(key);
  };
  copy('authorizationUrl', 'authUrl');
  copy('accessTokenUrl', 'accessTokenUrl');
  copy('refreshTokenUrl', 'refreshTokenUrl');
  copy('clientId', 'clientId');
  copy('state', 'state');
  copy('credentialsId', 'tokenName');
  const placement = s('credentialsPlacement');
  settings.clientAuthentication = placement === 'body' ? 'body' : 'basic';
  if (placement !== '' && placement !== 'body' && placement !== 'basic_auth_header') notes.push({ field: 'credentialsPlacement', reason: `"${placement}" is neither body nor basic_auth_header: sent as a Basic Authorization header.` });
  if (s('callbackUrl') !== '') Object.assign(settings, callbackSettings(get('callbackUrl'), 'callbackUrl', notes));
  settings.extraAuthParams = rows(auth.params.authorization, 'authorization', 'query', resolver, notes);
  settings.extraTokenParams = rows(auth.params.token, 'token', 'body', resolver, notes);
  settings.extraRefreshParams = rows(auth.params.refresh, 'refresh', 'body', resolver, notes);
  for (const [key, value] of Object.entries(f)) {
    if (HANDLED.has(key) || SILENT.has(key) || value === '' || value === null || value === undefined || DEFAULTS[key] === value) continue;
    notes.push({ field: key, reason: `Not imported: ${NOT_APPLICABLE[key] ?? 'not a setting PKCE Inspector knows.'}` });
  }
  collected.drafts.push({ source, settings, secret: clientSecretOf(s('clientSecret'), resolver, notes), notes });
}

const SEND_IN: Record<string, KeyValueRow['sendAs']> = { queryparams: 'query', body: 'body', headers: 'header' };

function rows(params: BrunoParam[], list: string, usual: 'query' | 'body', resolver: VariableResolver, notes: ImportNote[]): KeyValueRow[] {
  return paramRows(params.map((p) => ({ name: p.name, value: p.value, enabled: p.enabled, sendAs: SEND_IN[p.sendIn], sentIn: p.sendIn })), `additionalParameters.${list}`, usual, resolver, notes);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function commonDir(paths: string[]): string {
  if (paths.length === 0) return '';
  let common = dirOf(paths[0]!);
  for (const p of paths) while (common !== '' && !p.startsWith(`${common}/`)) common = dirOf(common);
  // A collection's subfolders share the collection folder; a lone request file's folder is the collection.
  return common;
}
