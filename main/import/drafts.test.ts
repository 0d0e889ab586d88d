// The parts every importer shares: variables, callback → authorize mode, values the profile schema
// cannot hold, extra parameter lists, and merging identical drafts.
import { describe, expect, it } from 'vitest';
import type { ImportNote } from '../../shared/import-types';
import { callbackSettings, finishPreview, paramRows } from './drafts';
import { flattenVariables, VariableResolver } from './variables';

const resolver = (values: Record<string, string>) => new VariableResolver([{ label: 'env', values: new Map(Object.entries(values)) }], 'nowhere');

describe('variables', () => {
  it('resolves Postman, Insomnia and nested references; the rest become placeholders with a note', () => {
    const notes: ImportNote[] = [];
    const r = resolver({ host: 'https://{{sub}}.example', sub: 'login', 'oauth.client': 'app', loop: '{{loop}}' });
    expect(r.resolve('{{host}}/a', 'authUrl', notes)).toBe('https://login.example/a');
    expect(r.resolve("{{ _.oauth.client }}|{{ _['sub'] }}", 'clientId', notes)).toBe('app|login');
    expect(notes).toEqual([]);
    expect(r.resolve('{{missing var}} {{loop}}', 'scope', notes)).toBe('{missing_var} {loop}');
    expect(notes.map((n) => n.field)).toEqual(['scope', 'scope']);
    expect(r.resolve("{% response 'body', 'req_1' %}", 'clientId', notes)).toBe('{response}');
    expect(notes.at(-1)!.reason).toContain('template tag');
    expect(r.resolveFully('{{host}}')).toBe('https://login.example');
    expect(r.resolveFully('x{{nope}}')).toBeNull();
  });

  it('flattens nested environment data', () => {
    expect([...flattenVariables({ a: { b: 1, c: { d: true } }, e: 'x', f: [1] })]).toEqual([
      ['a.b', '1'],
      ['a.c.d', 'true'],
      ['e', 'x'],
    ]);
  });
});

describe('callback → authorize mode', () => {
  it('keeps loopback callbacks in the system browser, the app scheme as such, anything else in the embedded window', () => {
    const notes: ImportNote[] = [];
    expect(callbackSettings('http://[::1]:8080/cb', 'redirect_uri', notes)).toEqual({ callbackUrl: 'http://[::1]:8080/cb', authorizeMode: 'browser-loopback' });
    expect(callbackSettings('io.github.pkce-inspector:/callback', 'redirect_uri', notes)).toEqual({ callbackUrl: 'io.github.pkce-inspector:/callback', authorizeMode: 'browser-scheme' });
    expect(notes).toEqual([]);
    expect(callbackSettings('https://localhost', 'redirect_uri', notes)).toEqual({ callbackUrl: 'https://localhost', authorizeMode: 'embedded' });
    expect(notes).toHaveLength(1);
    expect(callbackSettings('  ', 'redirect_uri', notes)).toEqual({});
  });
});

describe('finishing the preview', () => {
  it('leaves out a value the profile cannot hold, with a note, and merges identical drafts', () => {
    const { preview, secrets } = finishPreview({
      format: 'postman',
      description: 'd',
      skipped: [],
      drafts: [
        { source: 'A', settings: { clientId: 'x'.repeat(1_001), scope: 'openid' }, secret: 's', notes: [] },
        { source: 'B', settings: { clientId: 'y'.repeat(1_001), scope: 'openid' }, secret: 's', notes: [{ field: 'addTokenTo', reason: 'r' }] },
        { source: 'C', settings: { scope: 'openid' }, secret: 't', notes: [] },
      ],
    });
    expect(preview.drafts.map((d) => [d.key, d.sources])).toEqual([
      ['draft-1', ['A', 'B']],
      ['draft-2', ['C']],
    ]);
    expect(preview.drafts[0]!.settings.clientId).toBe('');
    expect(preview.drafts[0]!.notes.map((n) => n.field)).toEqual(['clientId', 'addTokenTo']);
    expect(preview.drafts[0]!.notes[0]!.reason).toMatch(/^Not imported: .*the form's default is used/);
    expect([...secrets]).toEqual([
      ['draft-1', 's'],
      ['draft-2', 't'],
    ]);
  });

  it('keeps at most 50 rows per parameter list, saying which were left out', () => {
    const notes: ImportNote[] = [];
    const params = Array.from({ length: 52 }, (_, i) => ({ name: `p${i}`, value: 'v', enabled: true, sendAs: undefined, sentIn: 'body' }));
    const rows = paramRows(params, 'tokenRequestParams', 'body', resolver({}), notes);
    expect(rows).toHaveLength(50);
    expect(notes.map((n) => n.field)).toEqual(['tokenRequestParams.p50', 'tokenRequestParams.p51']);
  });
});
