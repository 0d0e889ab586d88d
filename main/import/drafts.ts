// What every importer produces (raw drafts: settings, a secret if the file had one, notes), and how
// they become the preview: defaults filled in, values the profile schema cannot hold taken out with
// a note, identical drafts merged, stable keys. The secrets stay here, in main, keyed like the drafts.
import { APP_SCHEME } from '../../shared/app-identity';
import type { ImportDraft, ImportFormat, ImportNote, ImportPreview } from '../../shared/import-types';
import { PROFILE_NAME_MAX } from '../../shared/profile-types';
import { FlowSettingsSchema, type FlowSettings, type KeyValueRow } from '../../shared/settings';
import { isLoopbackHost } from '../../shared/settings-validation';
import type { VariableResolver } from './variables';

export interface RawDraft {
  /** The path in the source tool: `Collection / Folder / Request`; also the profile's name. */
  source: string;
  settings: Partial<FlowSettings>;
  secret: string | null;
  notes: ImportNote[];
}

export interface ParsedImport {
  format: ImportFormat;
  description: string;
  drafts: RawDraft[];
  skipped: ImportPreview['skipped'];
}

export interface FinishedPreview {
  preview: ImportPreview;
  /** Client secrets by draft key; never sent to the renderer. */
  secrets: Map<string, string>;
}

export const PATH_SEPARATOR = ' / ';

export function finishPreview(parsed: ParsedImport): FinishedPreview {
  const drafts: ImportDraft[] = [];
  const secrets = new Map<string, string>();
  const byContent = new Map<string, ImportDraft>();
  for (const raw of parsed.drafts) {
    const notes = [...raw.notes];
    const settings = fitSettings(raw.settings, notes);
    const identity = JSON.stringify([settings, raw.secret]);
    const same = byContent.get(identity);
    if (same) {
      same.sources.push(raw.source);
      for (const note of notes) if (!same.notes.some((n) => n.field === note.field && n.reason === note.reason)) same.notes.push(note);
      continue;
    }
    const key = `draft-${drafts.length + 1}`;
    const draft: ImportDraft = { key, name: profileName(raw.source), sources: [raw.source], settings, hasClientSecret: raw.secret !== null, notes };
    drafts.push(draft);
    byContent.set(identity, draft);
    if (raw.secret !== null) secrets.set(key, raw.secret);
  }
  return { preview: { format: parsed.format, description: parsed.description, drafts, skipped: parsed.skipped }, secrets };
}

/** A long path keeps its end (the request's own name), which tells drafts apart best. */
function profileName(source: string): string {
  const name = source.trim() || 'Imported profile';
  return name.length <= PROFILE_NAME_MAX ? name : `…${name.slice(name.length - PROFILE_NAME_MAX + 1)}`;
}

/** The defaults plus the mapped values; a value the schema refuses (too long, too many rows) is left out, with a note. */
function fitSettings(partial: Partial<FlowSettings>, notes: ImportNote[]): FlowSettings {
  const candidate: Record<string, unknown> = { ...partial };
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = FlowSettingsSchema.safeParse(candidate);
    if (result.success) return result.data;
    const field = String(result.error.issues[0]?.path[0] ?? '');
    if (!(field in candidate)) break;
    delete candidate[field];
    notes.push({ field, reason: `Not imported: ${result.error.issues[0]!.message} (the form's default is used).` });
  }
  return FlowSettingsSchema.parse({});
}

/**
 * Where the IdP redirects back decides how the app authorizes: a loopback URL → the system browser
 * and the loopback listener; the app's scheme → the system browser and the scheme; anything else
 * (Postman's https://oauth.pstmn.io/v1/callback, https://localhost) → the embedded window, which
 * catches the redirect as those tools' own windows do.
 */
export function callbackSettings(url: string, field: string, notes: ImportNote[]): Partial<FlowSettings> {
  const trimmed = url.trim();
  if (trimmed === '') return {};
  if (trimmed.toLowerCase().startsWith(`${APP_SCHEME}:`)) return { callbackUrl: trimmed, authorizeMode: 'browser-scheme' };
  let parsed: URL | undefined;
  try {
    parsed = new URL(trimmed);
  } catch {
    // A placeholder ({redirect}) or a typo: kept for the user to fix; the form says what is wrong.
  }
  if (parsed && parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return { callbackUrl: trimmed, authorizeMode: 'browser-loopback' };
  notes.push({
    field,
    reason: `${trimmed} is not a loopback address: the profile authorizes in the embedded window (desktop app), which catches the redirect to it. Browser mode and the command line need a loopback Callback URL such as http://127.0.0.1/callback.`,
  });
  return { callbackUrl: trimmed, authorizeMode: 'embedded' };
}

/** The note for a plain Authorization Code grant: this app always adds PKCE. */
export function withoutPkceNote(field: string, value: string): ImportNote {
  return {
    field,
    reason: `"${value}" (Authorization Code without PKCE) is imported as Authorization Code with PKCE, the only grant this app runs; an IdP that does not support PKCE ignores code_challenge and code_verifier.`,
  };
}

export const GRANT_NOT_SUPPORTED = (value: string): string =>
  `Grant type "${value}" is not imported: PKCE Inspector runs the Authorization Code grant (with PKCE) only.`;

/** A script that runs before the tool's requests may set the variables these settings use. */
export function scriptNote(field: string, where: string): ImportNote {
  return { field, reason: `Not run: ${where} runs in the tool that exported it only. If it sets variables or headers these settings rely on, fill them in yourself.` };
}

/** An extra request parameter as a tool stores it, its place already translated (undefined: a place this app does not know). */
export interface SourceParam {
  name: string;
  value: string;
  enabled: boolean;
  sendAs: KeyValueRow['sendAs'];
  /** The tool's own word for the place, for notes. */
  sentIn: string;
}

const MAX_ROWS = 50;

/** Extra parameter rows for one list; `usual` is where the list's parameters go unless told otherwise. */
export function paramRows(params: SourceParam[], fieldPrefix: string, usual: 'query' | 'body', resolver: VariableResolver, notes: ImportNote[]): KeyValueRow[] {
  const out: KeyValueRow[] = [];
  for (const p of params) {
    if (p.name === '') continue;
    const field = `${fieldPrefix}.${p.name}`;
    const sendAs = p.sendAs ?? usual;
    if (usual === 'query' && sendAs !== 'query') {
      notes.push({ field, reason: `Not imported: sent in ${p.sentIn}, but the authorization request is a browser redirect, which carries no body or headers.` });
    } else if (out.length >= MAX_ROWS) {
      notes.push({ field, reason: `Not imported: at most ${MAX_ROWS} extra parameters per list.` });
    } else {
      out.push({ key: p.name, value: resolver.resolve(p.value, field, notes), enabled: p.enabled, ...(sendAs !== usual ? { sendAs } : {}) });
    }
  }
  return out;
}

/** The client secret the file holds, resolved completely, or null (with a note when a variable has no value). */
export function clientSecretOf(raw: string, resolver: VariableResolver, notes: ImportNote[]): string | null {
  if (raw === '') return null;
  const secret = resolver.resolveFully(raw);
  if (secret === null) notes.push({ field: 'clientSecret', reason: `${raw} has no value in the file: no client secret is stored; enter it in Client Secret.` });
  return secret === '' ? null : secret;
}
