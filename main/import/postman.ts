// Postman collections (v2.0 and v2.1, told apart by `info.schema`) and, optionally, a Postman
// environment for their `{{variables}}`. Every collection, folder or request whose `auth.type` is
// `oauth2` becomes a draft named after its path; items without their own auth inherit and add nothing.
import type { ImportNote } from '../../shared/import-types';
import type { FlowSettings, KeyValueRow } from '../../shared/settings';
import { callbackSettings, clientSecretOf, GRANT_NOT_SUPPORTED, paramRows, PATH_SEPARATOR, scriptNote, withoutPkceNote, type ParsedImport, type RawDraft, type SourceParam } from './drafts';
import { at, importFailure, isRecord } from './import-error';
import { VariableResolver, type VariableScope } from './variables';

const SCHEMA = /\/json\/collection\/v(2\.[01])\.\d+\/collection\.json/;

export interface JsonFile {
  name: string;
  doc: unknown;
}

export function postmanCollectionVersion(doc: unknown): string | null {
  if (!isRecord(doc) || !isRecord(doc.info) || typeof doc.info.schema !== 'string') return null;
  return SCHEMA.exec(doc.info.schema)?.[1] ?? null;
}

export function isPostmanEnvironment(doc: unknown): boolean {
  return isRecord(doc) && Array.isArray(doc.values) && (doc._postman_variable_scope === 'environment' || doc._postman_variable_scope === 'globals' || (typeof doc.name === 'string' && !('info' in doc)));
}

export function parsePostman(collection: JsonFile, environment?: JsonFile): ParsedImport {
  const doc = collection.doc as Record<string, unknown>;
  const version = postmanCollectionVersion(doc)!;
  const info = doc.info as Record<string, unknown>;
  const collectionName = typeof info.name === 'string' && info.name.trim() ? info.name.trim() : 'Postman collection';

  // Postman's precedence: an environment's value wins over the collection's variable of the same name.
  const scopes: VariableScope[] = [];
  let envName: string | undefined;
  if (environment) {
    const env = environment.doc as Record<string, unknown>;
    envName = typeof env.name === 'string' ? env.name : environment.name;
    scopes.push({ label: `environment "${envName}"`, values: readVariables(env.values, environment.name, 'values', 'enabled') });
  }
  if (doc.variable !== undefined) scopes.push({ label: 'collection variables', values: readVariables(doc.variable, collection.name, 'variable', 'disabled') });
  const resolver = new VariableResolver(scopes, environment ? `neither in the collection's variables nor in environment "${envName}"` : 'no environment was chosen with the collection');

  const drafts: RawDraft[] = [];
  const skipped: ParsedImport['skipped'] = [];
  const visit: Visit = (auth, path, where, scripts) => {
    if (auth === undefined || auth === null) return;
    if (!isRecord(auth)) throw importFailure(`${collection.name}: ${where}`, 'auth must be an object.');
    if (auth.type !== 'oauth2') return;
    const outcome = mapOAuth2(readParams(auth.oauth2, `${collection.name}: ${at(where, 'oauth2')}`), resolver, path.join(PATH_SEPARATOR));
    if ('skip' in outcome) return void skipped.push({ source: path.join(PATH_SEPARATOR), reason: outcome.skip });
    for (const owner of scripts) outcome.notes.push(scriptNote('pre-request script', `the pre-request script of "${owner}"`));
    drafts.push(outcome);
  };
  const rootScripts = hasPreRequestScript(doc.event) ? [collectionName] : [];
  visit(doc.auth, [collectionName], 'auth', rootScripts);
  walkItems(doc.item, [collectionName], 'item', collection.name, visit, rootScripts);

  const description = `Postman collection v${version} "${collectionName}"${envName ? ` with environment "${envName}"` : ''}`;
  return { format: 'postman', description, drafts, skipped };
}

type Visit = (auth: unknown, path: string[], where: string, scripts: string[]) => void;

/** Postman runs the pre-request scripts of the collection and every folder above a request, then its own. */
function hasPreRequestScript(events: unknown): boolean {
  if (!Array.isArray(events)) return false;
  return events.some((e) => {
    if (!isRecord(e) || e.listen !== 'prerequest' || !isRecord(e.script)) return false;
    const exec = e.script.exec;
    const code = Array.isArray(exec) ? exec.join('\n') : typeof exec === 'string' ? exec : '';
    return code.trim() !== '';
  });
}

function walkItems(items: unknown, path: string[], where: string, file: string, visit: Visit, scripts: string[]): void {
  if (items === undefined) return;
  if (!Array.isArray(items)) throw importFailure(`${file}: ${where}`, 'item must be a list of folders and requests.');
  items.forEach((item, i) => {
    const here = at(where, i);
    if (!isRecord(item)) throw importFailure(`${file}: ${here}`, 'each item must be an object (a folder or a request).');
    const name = typeof item.name === 'string' && item.name.trim() ? item.name.trim() : `Item ${i + 1}`;
    const withOwn = hasPreRequestScript(item.event) ? [...scripts, name] : scripts;
    if (Array.isArray(item.item) || 'item' in item) {
      visit(item.auth, [...path, name], at(here, 'auth'), withOwn);
      walkItems(item.item, [...path, name], at(here, 'item'), file, visit, withOwn);
    } else if (isRecord(item.request)) {
      visit(item.request.auth, [...path, name], at(here, 'request', 'auth'), withOwn);
    }
  });
}

/** v2.1: a list of `{key, value, type}`; v2.0 exports also carry a plain object. */
function readParams(raw: unknown, where: string): Map<string, unknown> {
  const params = new Map<string, unknown>();
  if (raw === undefined || raw === null) return params;
  if (Array.isArray(raw)) {
    raw.forEach((entry, i) => {
      if (!isRecord(entry) || typeof entry.key !== 'string') throw importFailure(at(where, i), 'each OAuth 2.0 setting must be an object with a "key".');
      params.set(entry.key, entry.value);
    });
    return params;
  }
  if (isRecord(raw)) {
    for (const [key, value] of Object.entries(raw)) params.set(key, value);
    return params;
  }
  throw importFailure(where, 'the OAuth 2.0 settings must be a list of {key, value} or an object.');
}

function readVariables(raw: unknown, file: string, field: string, switchKey: 'enabled' | 'disabled'): Map<string, string> {
  const values = new Map<string, string>();
  if (!Array.isArray(raw)) throw importFailure(`${file}: ${field}`, 'must be a list of variables.');
  raw.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry.key !== 'string') throw importFailure(`${file}: ${at(field, i)}`, 'each variable must be an object with a "key".');
    const off = switchKey === 'enabled' ? entry.enabled === false : entry.disabled === true;
    if (off || entry.value === undefined || entry.value === null) return;
    values.set(entry.key, typeof entry.value === 'string' ? entry.value : String(entry.value));
  });
  return values;
}

const NOT_APPLICABLE: Record<string, string> = {
  addTokenTo: 'where Postman puts the token on its requests; this app sends no API requests.',
  headerPrefix: 'the prefix Postman puts before the token on its requests; this app sends no API requests.',
  accessToken: 'a token Postman obtained earlier: not kept, every flow here gets its own.',
  tokenType: 'describes a token Postman obtained earlier: not kept.',
  refreshToken: 'a token Postman obtained earlier: not kept.',
  id_token: 'a token Postman obtained earlier: not kept.',
  password: 'belongs to the Password Credentials grant, which this app does not run.',
  username: 'belongs to the Password Credentials grant, which this app does not run.',
};
const IGNORED = new Set(['grant_type', 'clientSecret', 'useBrowser', 'redirect_uri']);

function mapOAuth2(params: Map<string, unknown>, resolver: VariableResolver, source: string): RawDraft | { skip: string } {
  const notes: ImportNote[] = [];
  const grant = text(params.get('grant_type')) || 'authorization_code';
  if (grant !== 'authorization_code' && grant !== 'authorization_code_with_pkce') return { skip: GRANT_NOT_SUPPORTED(grant) };
  if (grant === 'authorization_code') notes.push(withoutPkceNote('grant_type', grant));

  const str = (key: string) => resolver.resolve(text(params.get(key)), key, notes);
  const settings: Partial<FlowSettings> = {};
  const copy = (key: string, field: 'tokenName' | 'authUrl' | 'accessTokenUrl' | 'clientId' | 'scope' | 'state' | 'codeVerifier' | 'refreshTokenUrl') => {
    if (params.has(key) && text(params.get(key)) !== '') settings[field] = str(key);
  };
  copy('tokenName', 'tokenName');
  copy('authUrl', 'authUrl');
  copy('accessTokenUrl', 'accessTokenUrl');
  copy('clientId', 'clientId');
  copy('state', 'state');
  copy('code_verifier', 'codeVerifier');
  copy('refreshTokenUrl', 'refreshTokenUrl');
  // Postman sends no scope when the field is empty; this form's default ("openid profile") would.
  settings.scope = str('scope');

  const method = text(params.get('challengeAlgorithm'));
  if (method === 'S256' || method === 'plain') settings.codeChallengeMethod = method;
  else if (method !== '') notes.push({ field: 'challengeAlgorithm', reason: `"${method}" is not a PKCE method (S256 or plain): S256 is used.` });

  const auth = text(params.get('client_authentication'));
  if (auth === 'body') settings.clientAuthentication = 'body';
  else if (auth === 'header' || auth === '') settings.clientAuthentication = 'basic';
  else notes.push({ field: 'client_authentication', reason: `"${auth}" is neither header nor body: sent as a Basic Authorization header.` });

  // Postman's "Authorize using browser" redirects to its own page, which only Postman can catch.
  if (params.get('useBrowser') === true || params.get('useBrowser') === 'true') {
    settings.authorizeMode = 'browser-loopback';
    notes.push({ field: 'useBrowser', reason: "Postman's browser callback (https://oauth.pstmn.io/v1/browser-callback) reaches Postman only: the profile uses the system browser with a loopback Callback URL, http://127.0.0.1/callback; register that at the IdP." });
  } else if (params.has('redirect_uri')) {
    Object.assign(settings, callbackSettings(str('redirect_uri'), 'redirect_uri', notes));
  }

  const mapRows = (key: string, usual: 'query' | 'body') => (params.has(key) ? rows(params.get(key), key, usual, resolver, notes) : []);
  settings.extraAuthParams = mapRows('authRequestParams', 'query');
  settings.extraTokenParams = mapRows('tokenRequestParams', 'body');
  settings.extraRefreshParams = mapRows('refreshRequestParams', 'body');

  for (const [key, value] of params) {
    if (IGNORED.has(key) || KNOWN.has(key) || value === '' || value === null || value === undefined) continue;
    notes.push({ field: key, reason: NOT_APPLICABLE[key] ? `Not imported: ${NOT_APPLICABLE[key]}` : 'Not imported: not a setting PKCE Inspector knows.' });
  }

  return { source, settings, secret: clientSecretOf(text(params.get('clientSecret')), resolver, notes), notes };
}

const KNOWN = new Set(['tokenName', 'authUrl', 'accessTokenUrl', 'clientId', 'scope', 'state', 'code_verifier', 'refreshTokenUrl', 'challengeAlgorithm', 'client_authentication', 'authRequestParams', 'tokenRequestParams', 'refreshRequestParams']);

const SEND_AS: Record<string, KeyValueRow['sendAs']> = { request_url: 'query', request_body: 'body', request_header: 'header' };

function rows(raw: unknown, key: string, usual: 'query' | 'body', resolver: VariableResolver, notes: ImportNote[]): KeyValueRow[] {
  if (!Array.isArray(raw)) {
    notes.push({ field: key, reason: 'Not imported: expected a list of parameters.' });
    return [];
  }
  const params: SourceParam[] = raw.filter(isRecord).map((entry) => ({ name: text(entry.key), value: text(entry.value), enabled: entry.enabled !== false, sendAs: SEND_AS[text(entry.send_as)], sentIn: text(entry.send_as) || 'the usual place' }));
  return paramRows(params, key, usual, resolver, notes);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
