// Insomnia exports: v4 JSON (`_type: export`, a flat `resources` list linked by `parentId`) and v5
// YAML (`type: collection.insomnia.rest/5.0`, a nested `collection` tree). Requests and folders with
// `authentication.type: oauth2` and the Authorization Code grant become drafts named by their path.
import type { ImportNote } from '../../shared/import-types';
import type { FlowSettings } from '../../shared/settings';
import { callbackSettings, clientSecretOf, GRANT_NOT_SUPPORTED, PATH_SEPARATOR, scriptNote, withoutPkceNote, type ParsedImport, type RawDraft } from './drafts';
import { at, importFailure, isRecord } from './import-error';
import { flattenVariables, VariableResolver, type VariableScope } from './variables';

export const INSOMNIA_V5_TYPES = ['collection.insomnia.rest/5.0', 'spec.insomnia.rest/5.0'];

export function isInsomniaV4(doc: unknown): boolean {
  return isRecord(doc) && doc._type === 'export' && Array.isArray(doc.resources);
}

export function isInsomniaV5(doc: unknown): boolean {
  return isRecord(doc) && typeof doc.type === 'string' && INSOMNIA_V5_TYPES.includes(doc.type);
}

interface Environments {
  base: Map<string, string>;
  subs: Array<{ name: string; values: Map<string, string> }>;
}

interface Walker {
  drafts: RawDraft[];
  skipped: ParsedImport['skipped'];
  env: Environments;
}

export function parseInsomniaV4(file: string, doc: Record<string, unknown>): ParsedImport {
  const resources = doc.resources as unknown[];
  const byId = new Map<string, Record<string, unknown>>();
  resources.forEach((r, i) => {
    if (!isRecord(r) || typeof r._type !== 'string') throw importFailure(`${file}: ${at('resources', i)}`, 'each resource must be an object with a "_type".');
    if (typeof r._id === 'string') byId.set(r._id, r);
  });
  const workspaces = resources.filter((r) => (r as Record<string, unknown>)._type === 'workspace') as Array<Record<string, unknown>>;
  const walker: Walker = { drafts: [], skipped: [], env: { base: new Map(), subs: [] } };
  const envOf = (workspaceId: unknown): Environments => {
    const base = resources.find((r) => isRecord(r) && r._type === 'environment' && r.parentId === workspaceId) as Record<string, unknown> | undefined;
    const subs = base ? (resources.filter((r) => isRecord(r) && r._type === 'environment' && r.parentId === base._id) as Array<Record<string, unknown>>) : [];
    return { base: flattenVariables(base?.data), subs: subs.map((s) => ({ name: String(s.name ?? 'Environment'), values: flattenVariables(s.data) })) };
  };
  /** The names from the workspace down, and the folder environments on the way (nearest first). */
  const lineage = (resource: Record<string, unknown>): { path: string[]; folderEnvs: Array<Map<string, string>>; workspaceId: unknown } => {
    const path: string[] = [];
    const folderEnvs: Array<Map<string, string>> = [];
    let current: Record<string, unknown> | undefined = resource;
    const seen = new Set<unknown>();
    while (current && !seen.has(current._id)) {
      seen.add(current._id);
      path.unshift(nameOf(current));
      if (current._type === 'workspace') return { path, folderEnvs, workspaceId: current._id };
      if (current._type === 'request_group' && isRecord(current.environment)) folderEnvs.push(flattenVariables(current.environment));
      current = typeof current.parentId === 'string' ? byId.get(current.parentId) : undefined;
    }
    return { path, folderEnvs, workspaceId: undefined };
  };
  resources.forEach((r, i) => {
    const resource = r as Record<string, unknown>;
    if (resource._type !== 'request' && resource._type !== 'request_group') return;
    const { path, folderEnvs, workspaceId } = lineage(resource);
    walker.env = envOf(workspaceId);
    visitAuth(resource.authentication, path, `${file}: ${at('resources', i, 'authentication')}`, folderEnvs, walker, hasScript(resource.preRequestScript));
  });
  const names = workspaces.map((w) => `"${nameOf(w)}"`).join(', ');
  return { format: 'insomnia', description: `Insomnia export (v4 JSON)${names ? ` of ${names}` : ''}`, drafts: walker.drafts, skipped: walker.skipped };
}

export function parseInsomniaV5(file: string, doc: Record<string, unknown>): ParsedImport {
  const name = typeof doc.name === 'string' && doc.name.trim() ? doc.name.trim() : 'Insomnia collection';
  const environments = isRecord(doc.environments) ? doc.environments : {};
  const subs = Array.isArray(environments.subEnvironments) ? environments.subEnvironments.filter(isRecord) : [];
  const walker: Walker = {
    drafts: [],
    skipped: [],
    env: { base: flattenVariables(environments.data), subs: subs.map((s) => ({ name: String(s.name ?? 'Environment'), values: flattenVariables(s.data) })) },
  };
  const walk = (items: unknown, path: string[], where: string, folderEnvs: Array<Map<string, string>>) => {
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) throw importFailure(`${file}: ${where}`, 'must be a list of folders and requests.');
    items.forEach((item, i) => {
      const here = at(where, i);
      if (!isRecord(item)) throw importFailure(`${file}: ${here}`, 'each entry must be a folder or a request.');
      const itemPath = [...path, nameOf(item)];
      const envs = isRecord(item.environment) ? [flattenVariables(item.environment), ...folderEnvs] : folderEnvs;
      visitAuth(item.authentication, itemPath, `${file}: ${at(here, 'authentication')}`, envs, walker, isRecord(item.scripts) && hasScript(item.scripts.preRequest));
      if ('children' in item) walk(item.children, itemPath, at(here, 'children'), envs);
    });
  };
  walk(doc.collection, [name], 'collection', []);
  return { format: 'insomnia', description: `Insomnia export (v5 YAML) "${name}"`, drafts: walker.drafts, skipped: walker.skipped };
}

function nameOf(resource: Record<string, unknown>): string {
  return typeof resource.name === 'string' && resource.name.trim() ? resource.name.trim() : 'Unnamed';
}

function hasScript(code: unknown): boolean {
  return typeof code === 'string' && code.trim() !== '';
}

function visitAuth(auth: unknown, path: string[], where: string, folderEnvs: Array<Map<string, string>>, walker: Walker, script: boolean): void {
  if (auth === undefined || auth === null) return;
  if (!isRecord(auth)) throw importFailure(where, 'authentication must be an object.');
  if (auth.type !== 'oauth2') return;
  const source = path.join(PATH_SEPARATOR);
  if (auth.disabled === true) return void walker.skipped.push({ source, reason: 'Its OAuth 2.0 authentication is switched off (disabled) in Insomnia.' });
  const { env } = walker;
  const scopes: VariableScope[] = [...folderEnvs.map((values) => ({ label: 'folder environment', values })), ...(env.subs.length === 1 ? [{ label: env.subs[0]!.name, values: env.subs[0]!.values }] : []), { label: 'base environment', values: env.base }];
  const where2 = env.subs.length > 1 ? `the export's base environment has none; sub-environments ${env.subs.map((s) => `"${s.name}"`).join(', ')} are not applied, choose one's value yourself` : "not in the export's environments";
  const outcome = mapOAuth2(auth, new VariableResolver(scopes, where2), source);
  if ('skip' in outcome) return void walker.skipped.push({ source, reason: outcome.skip });
  if (script) outcome.notes.push(scriptNote('pre-request script', `its pre-request script`));
  walker.drafts.push(outcome);
}

const NOT_APPLICABLE: Record<string, string> = {
  tokenPrefix: 'the prefix Insomnia puts before the token on its requests; this app sends no API requests.',
  accessToken: 'a token Insomnia obtained earlier: not kept, every flow here gets its own.',
  refreshToken: 'a token Insomnia obtained earlier: not kept.',
  identityToken: 'a token Insomnia obtained earlier: not kept.',
  code: 'an authorization code from an earlier flow: not kept.',
  username: 'belongs to the Password grant, which this app does not run.',
  password: 'belongs to the Password grant, which this app does not run.',
};
const HANDLED = new Set(['type', 'disabled', 'grantType', 'usePkce', 'pkceMethod', 'authorizationUrl', 'accessTokenUrl', 'clientId', 'clientSecret', 'redirectUrl', 'scope', 'state', 'audience', 'resource', 'credentialsInBody', 'origin', 'responseType']);

function mapOAuth2(auth: Record<string, unknown>, resolver: VariableResolver, source: string): RawDraft | { skip: string } {
  const notes: ImportNote[] = [];
  const grant = str(auth.grantType) || 'authorization_code';
  if (grant !== 'authorization_code') return { skip: GRANT_NOT_SUPPORTED(grant) };
  if (auth.usePkce !== true) notes.push(withoutPkceNote('usePkce', 'usePkce: false'));
  const get = (key: string) => resolver.resolve(str(auth[key]), key, notes);
  const settings: Partial<FlowSettings> = { scope: get('scope') };
  const copy = (key: string, field: 'authUrl' | 'accessTokenUrl' | 'clientId' | 'state' | 'audience' | 'resource' | 'tokenRequestOrigin') => {
    if (str(auth[key]) !== '') settings[field] = get(key);
  };
  copy('authorizationUrl', 'authUrl');
  copy('accessTokenUrl', 'accessTokenUrl');
  copy('clientId', 'clientId');
  copy('state', 'state');
  copy('audience', 'audience');
  copy('resource', 'resource');
  copy('origin', 'tokenRequestOrigin');
  const method = str(auth.pkceMethod);
  if (method === 'S256' || method === 'plain') settings.codeChallengeMethod = method;
  else if (method !== '') notes.push({ field: 'pkceMethod', reason: `"${method}" is not a PKCE method (S256 or plain): S256 is used.` });
  settings.clientAuthentication = auth.credentialsInBody === true ? 'body' : 'basic';
  if (str(auth.redirectUrl) !== '') Object.assign(settings, callbackSettings(get('redirectUrl'), 'redirectUrl', notes));
  const responseType = str(auth.responseType);
  if (responseType !== '' && responseType !== 'code') notes.push({ field: 'responseType', reason: `"${responseType}" is not imported: the Authorization Code flow asks for response_type=code.` });
  for (const [key, value] of Object.entries(auth)) {
    if (HANDLED.has(key) || value === '' || value === null || value === undefined || value === false) continue;
    notes.push({ field: key, reason: `Not imported: ${NOT_APPLICABLE[key] ?? 'not a setting PKCE Inspector knows.'}` });
  }
  return { source, settings, secret: clientSecretOf(str(auth.clientSecret), resolver, notes), notes };
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}
