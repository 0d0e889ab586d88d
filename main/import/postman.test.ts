// The Postman importer on hand-written exports of the documented formats (collection v2.1 with an
// environment, v2.0 with object-style auth), and on broken ones.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { finishPreview } from './drafts';
import { parseFiles } from './recognise';
import { fixture } from './test-support';

const COLLECTION = 'postman/payments-api.postman_collection.json';
const ENVIRONMENT = 'postman/payments-staging.postman_environment.json';

async function preview(...names: string[]) {
  return finishPreview(parseFiles(await fixture(...names)));
}

describe('Postman collection v2.1 with an environment', () => {
  it('makes a profile of every collection, folder or request with oauth2 auth, named by its path, identical ones once', async () => {
    const { preview: p } = await preview(COLLECTION, ENVIRONMENT);
    expect(p.format).toBe('postman');
    expect(p.description).toBe('Postman collection v2.1 "Payments API" with environment "Payments staging"');
    expect(p.drafts.map((d) => d.name)).toEqual(['Payments API', 'Payments API / Payments / Refund', 'Payments API / Admin / Reports / Export']);
    expect(p.drafts[1]!.sources).toEqual(['Payments API / Payments / Refund', 'Payments API / Refund (copy)']);
    // The non-OAuth request (noauth) and the one inheriting from the collection add nothing.
    expect(p.drafts.flatMap((d) => d.sources).some((s) => /Health|List payments/.test(s))).toBe(false);
  });

  it('maps every Postman key, the environment winning over collection variables', async () => {
    const { preview: p } = await preview(COLLECTION, ENVIRONMENT);
    const refund = p.drafts[1]!.settings;
    expect(refund).toMatchObject({
      tokenName: 'Payments',
      authUrl: 'https://login.example.com/oauth2/default/v1/authorize',
      accessTokenUrl: 'https://login.example.com/oauth2/default/v1/token',
      refreshTokenUrl: 'https://login.example.com/oauth2/default/v1/token',
      clientId: '0oa1payments-staging',
      codeChallengeMethod: 'S256',
      scope: 'openid profile payments:write offline_access',
      callbackUrl: 'https://oauth.pstmn.io/v1/callback',
      authorizeMode: 'embedded',
      clientAuthentication: 'body',
    });
    expect(refund.extraAuthParams).toEqual([
      { key: 'audience', value: 'api://payments', enabled: true },
      { key: 'prompt', value: 'login', enabled: false },
    ]);
    expect(refund.extraTokenParams).toEqual([
      { key: 'resource', value: 'https://payments.example.com', enabled: true },
      { key: 'X-Tenant', value: 'acme-staging', enabled: true, sendAs: 'header' },
    ]);
    expect(refund.extraRefreshParams).toEqual([{ key: 'scope', value: 'payments:write', enabled: true, sendAs: 'query' }]);
  });

  it('offers the client secret from the environment for the keychain, never in the draft', async () => {
    const { preview: p, secrets } = await preview(COLLECTION, ENVIRONMENT);
    expect(p.drafts.map((d) => d.hasClientSecret)).toEqual([false, true, false]);
    expect(secrets.get('draft-2')).toBe('staging-Secret+/=%-from-postman');
    expect(JSON.stringify(p)).not.toContain('staging-Secret');
  });

  it('says field by field what was not mapped and why', async () => {
    const { preview: p } = await preview(COLLECTION, ENVIRONMENT);
    const [root, refund, exportDraft] = p.drafts;
    const fields = (d: typeof root) => d!.notes.map((n) => n.field);
    expect(root!.settings).toMatchObject({ authorizeMode: 'browser-loopback', callbackUrl: 'http://127.0.0.1/callback', codeChallengeMethod: 'plain', clientAuthentication: 'basic', scope: 'openid profile' });
    expect(fields(root)).toEqual(['useBrowser', 'addTokenTo']);
    expect(fields(refund)).toEqual(expect.arrayContaining(['redirect_uri', 'addTokenTo', 'headerPrefix']));
    expect(exportDraft!.settings).toMatchObject({ scope: '{admin_scope}', state: '{$guid}', callbackUrl: 'http://127.0.0.1:8765/callback', authorizeMode: 'browser-loopback', clientAuthentication: 'basic' });
    expect(fields(exportDraft)).toEqual(['grant_type', 'state', 'scope', 'accessToken', 'tokenType', 'pre-request script']);
    expect(exportDraft!.notes.find((n) => n.field === 'scope')!.reason).toContain('{{admin_scope}} has no value in the file');
    expect(exportDraft!.notes.find((n) => n.field === 'grant_type')!.reason).toContain('without PKCE');
    // A token Postman kept is neither imported nor repeated in a note.
    expect(JSON.stringify(p)).not.toContain('old.token');
  });

  it('skips other grant types, saying why', async () => {
    const { preview: p } = await preview(COLLECTION, ENVIRONMENT);
    expect(p.skipped).toEqual([{ source: 'Payments API / Admin / Reports / Machine token', reason: expect.stringContaining('"client_credentials" is not imported') }]);
  });

  it('without the environment, its variables become {placeholders} and no secret is offered', async () => {
    const { preview: p, secrets } = await preview(COLLECTION);
    expect(p.drafts[1]!.settings.clientId).toBe('placeholder-overridden-by-environment');
    expect(p.drafts[1]!.settings.extraTokenParams[1]!.value).toBe('{tenant}');
    expect(p.drafts[1]!.hasClientSecret).toBe(false);
    expect(secrets.size).toBe(0);
    expect(p.drafts[1]!.notes.find((n) => n.field === 'clientSecret')!.reason).toContain('enter it in Client Secret');
  });
});

describe('Postman collection v2.0', () => {
  it('reads auth given as an object', async () => {
    const { preview: p } = await preview('postman/legacy.postman_collection_v2.0.json');
    expect(p.description).toBe('Postman collection v2.0 "Legacy Orders"');
    expect(p.drafts).toHaveLength(1);
    expect(p.drafts[0]!).toMatchObject({ name: 'Legacy Orders / Orders / Get order', notes: [] });
    expect(p.drafts[0]!.settings).toMatchObject({ clientId: 'orders-desktop', callbackUrl: 'http://localhost:53682/callback', authorizeMode: 'browser-loopback', scope: 'openid orders' });
  });
});

describe('broken Postman files', () => {
  const collection = (body: object) => ({ name: 'c.json', text: JSON.stringify({ info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, ...body }) });
  const failure = (files: Array<{ name: string; text: string }>) => {
    try {
      parseFiles(files);
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      return e as ApiError;
    }
    throw new Error('expected a failure');
  };

  it('names the file, the line and column of broken JSON', () => {
    const e = failure([{ name: 'broken.json', text: '{\n  "info": {\n    "name": "x",\n  }\n}' }]);
    expect(e.code).toBe('import_invalid');
    expect(e.message).toMatch(/^broken\.json \(line 4, column 3\): not valid JSON/);
    expect(e.message).toContain('Nothing was imported.');
  });

  it('names the place of a malformed item or oauth2 list', () => {
    expect(failure([collection({ item: [{ name: 'ok', item: 'nope' }] })]).message).toContain('c.json: item[0].item: item must be a list');
    const badAuth = failure([collection({ item: [{ name: 'r', request: { auth: { type: 'oauth2', oauth2: [{ value: 'x' }] } } }] })]);
    expect(badAuth.fields).toEqual([{ field: 'c.json: item[0].request.auth.oauth2[0]', message: expect.stringContaining('"key"') }]);
  });

  it('refuses an older Postman format, an environment alone, two collections, and unknown files', () => {
    expect(failure([{ name: 'v1.json', text: JSON.stringify({ info: { schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' } }) }]).message).toContain('export the collection as v2.1');
    expect(failure([{ name: 'env.json', text: JSON.stringify({ name: 'E', values: [], _postman_variable_scope: 'environment' }) }]).message).toContain('choose it together with its collection');
    expect(failure([collection({}), { ...collection({}), name: 'd.json' }]).message).toContain('one Postman collection at a time');
    expect(failure([{ name: 'notes.txt', text: 'hello: world' }]).message).toContain('not a file PKCE Inspector can import');
    expect(failure([{ name: 'empty.json', text: '  ' }]).message).toContain('the file is empty');
  });
});
