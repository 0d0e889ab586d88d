// The Bruno importer on a collection folder's .bru files and on Bruno's JSON export, and on broken files.
import { describe, expect, it } from 'vitest';
import { dictEntries, listItems, parseBru } from './bru-lang';
import { finishPreview } from './drafts';
import { parseFiles } from './recognise';
import { fixture, fixtureFolder } from './test-support';

describe('the .bru format', () => {
  const text = `meta {
  name: Login
  seq: 1
}

auth:oauth2 {
  grant_type: authorization_code
  scope: openid profile
  ~state: off
  callback_url: http://127.0.0.1/cb?x=1
}

body:json {
  {
    "a": { "b": 1 }
  }
}

vars:secret [
  one,
  two
]

vars:pre-request {
  note: '''
    first: line
    second
  '''
}
`;
  it('reads dictionary, text and list blocks; ~ switches a key off; values keep their colons', () => {
    const blocks = parseBru('login.bru', text);
    expect([...blocks.keys()]).toEqual(['meta', 'auth:oauth2', 'body:json', 'vars:secret', 'vars:pre-request']);
    expect(dictEntries('login.bru', blocks.get('auth:oauth2'))).toEqual([
      { key: 'grant_type', value: 'authorization_code', enabled: true },
      { key: 'scope', value: 'openid profile', enabled: true },
      { key: 'state', value: 'off', enabled: false },
      { key: 'callback_url', value: 'http://127.0.0.1/cb?x=1', enabled: true },
    ]);
    expect(blocks.get('body:json')!.lines.join('\n')).toContain('"a": { "b": 1 }');
    expect(listItems(blocks.get('vars:secret'))).toEqual(['one', 'two']);
    expect(dictEntries('login.bru', blocks.get('vars:pre-request'))).toEqual([{ key: 'note', value: 'first: line\nsecond', enabled: true }]);
  });

  it('says which line is wrong', () => {
    expect(() => parseBru('a.bru', 'meta {\n  name: x\n')).toThrow('a.bru (line 1): the block "meta" is never closed');
    expect(() => parseBru('b.bru', 'meta {\n}\nname: loose\n')).toThrow('b.bru (line 3): expected the start of a block');
    expect(() => parseBru('c.bru', 'meta {\n}\nmeta {\n}\n')).toThrow('c.bru (line 3): the block "meta" appears twice');
    expect(() => dictEntries('d.bru', parseBru('d.bru', 'auth:oauth2 {\n  no colon here\n}\n').get('auth:oauth2'))).toThrow('d.bru (line 2)');
  });
});

describe('a Bruno collection folder', () => {
  it('makes profiles of the collection and of requests with their own oauth2, named by folder names', async () => {
    const { preview: p, secrets } = finishPreview(parseFiles(await fixtureFolder('bruno/Travel API')));
    expect(p.description).toBe('Bruno collection "Travel API" (8 .bru files)');
    expect(p.drafts.map((d) => d.name)).toEqual(['Travel API', 'Travel API / Bookings / Back office / Cancel booking']);
    const [collection, cancel] = p.drafts;
    expect(collection!.settings).toMatchObject({
      tokenName: 'travel',
      authUrl: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize', // collection var → environment var
      clientId: '3f1c0e9a-5b7d-4c2e-8a61-0d9e4b2c7f35',
      clientAuthentication: 'body',
      callbackUrl: 'http://127.0.0.1:9876/callback',
      authorizeMode: 'browser-loopback',
      extraAuthParams: [
        { key: 'prompt', value: 'select_account', enabled: true },
        { key: 'login_hint', value: 'someone@example.com', enabled: false },
      ],
      extraTokenParams: [{ key: 'x-tenant', value: '72f988bf-86f1-41af-91ab-2d7cd011db47', enabled: true, sendAs: 'header' }],
    });
    expect(collection!.hasClientSecret).toBe(false);
    expect(collection!.notes.map((n) => n.field)).toEqual(['script:pre-request', 'additionalParameters.authorization.x-ignored', 'clientSecret']);
    expect(collection!.notes[2]!.reason).toContain('secret variable of the environment');
    expect(cancel!.settings).toMatchObject({ clientId: 'travel-backoffice', clientAuthentication: 'basic', state: 'fixed-state-for-tests', refreshTokenUrl: 'https://auth.travel.example.com/refresh', authorizeMode: 'embedded' });
    expect(cancel!.settings.extraRefreshParams).toEqual([{ key: 'tenant', value: '72f988bf-86f1-41af-91ab-2d7cd011db47', enabled: true, sendAs: 'query' }]);
    expect(cancel!.notes.map((n) => n.field)).toEqual(['pkce', 'callbackUrl', 'tokenPlacement']);
    expect(secrets.get(cancel!.key)).toBe('backoffice-Secret-in-bru');
    expect(p.skipped).toEqual([{ source: 'Travel API / Bookings / Back office / Nightly sync', reason: expect.stringContaining('"client_credentials"') }]);
  });

  it('notes a pre-request script it cannot run', () => {
    const files = [{ name: 'C/r.bru', text: 'get {\n  auth: oauth2\n}\n\nauth:oauth2 {\n  grant_type: authorization_code\n  pkce: true\n}\n\nscript:pre-request {\n  bru.setVar("x", 1);\n}\n' }];
    const { preview: p } = finishPreview(parseFiles(files));
    expect(p.drafts[0]!.name).toBe('C / r');
    expect(p.drafts[0]!.notes.map((n) => n.field)).toEqual(['script:pre-request']);
  });

  it('refuses a broken .bru file naming it, and imports nothing', async () => {
    const files = await fixtureFolder('bruno/Travel API');
    const broken = files.map((f) => (f.name.endsWith('Health.bru') ? { ...f, text: f.text.replace(/\n}\n\nassert/, '\n\nassert') } : f));
    expect(() => parseFiles(broken)).toThrow(/Travel API\/Health\.bru \(line \d+\)/);
  });
});

describe("Bruno's JSON export", () => {
  it('reads the same collection from its export', async () => {
    const { preview: p, secrets } = finishPreview(parseFiles(await fixture('bruno/travel-api.bruno.json')));
    expect(p.description).toBe('Bruno collection export "Travel API"');
    expect(p.drafts.map((d) => d.name)).toEqual(['Travel API', 'Travel API / Bookings / Cancel booking']);
    expect(p.drafts[1]!.settings).toMatchObject({ clientId: 'travel-backoffice', extraAuthParams: [{ key: 'prompt', value: 'consent', enabled: true }] });
    expect(secrets.get(p.drafts[1]!.key)).toBe('backoffice-Secret-in-json');
    expect(p.skipped).toEqual([{ source: 'Travel API / Bookings / Nightly sync', reason: expect.stringContaining('"password"') }]);
    expect(JSON.stringify(p)).not.toContain('sync-password');
  });

  it('names a malformed auth', () => {
    const doc = { name: 'X', version: '1', items: [{ type: 'http-request', name: 'r', request: { auth: { mode: 'oauth2', oauth2: 'nope' } } }] };
    expect(() => parseFiles([{ name: 'x.json', text: JSON.stringify(doc) }])).toThrow('x.json: items[0].request.auth.oauth2: the OAuth 2.0 settings must be an object.');
  });
});
