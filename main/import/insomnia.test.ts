// The Insomnia importer on hand-written v4 JSON and v5 YAML exports, and on broken ones.
import { describe, expect, it } from 'vitest';
import { finishPreview } from './drafts';
import { parseFiles } from './recognise';
import { fixture } from './test-support';

async function preview(name: string) {
  return finishPreview(parseFiles(await fixture(name)));
}

describe('Insomnia v4 JSON', () => {
  it('makes a profile of each Authorization Code request, named by workspace and folders, with its environment values', async () => {
    const { preview: p, secrets } = await preview('insomnia/insomnia-v4-export.json');
    expect(p.description).toBe('Insomnia export (v4 JSON) of "Identity Playground"');
    expect(p.drafts.map((d) => d.name)).toEqual(['Identity Playground / Auth / Users / Who am I', 'Identity Playground / Auth / Legacy profile']);
    expect(p.drafts[0]!.settings).toMatchObject({
      authUrl: 'https://sso.example.net/realms/playground/protocol/openid-connect/auth',
      accessTokenUrl: 'https://sso.example.net/realms/playground/protocol/openid-connect/token',
      clientId: 'playground-spa', // {{ _.oauth.client }}: nested environment data
      scope: 'openid profile email', // the folder's own environment
      resource: 'https://api.example.net',
      codeChallengeMethod: 'S256',
      clientAuthentication: 'basic',
      callbackUrl: 'http://127.0.0.1:8080/callback',
      authorizeMode: 'browser-loopback',
    });
    expect(p.drafts[0]!.notes.map((n) => n.field)).toEqual(['tokenPrefix']);
    // Without PKCE, credentials in the body, an https redirect, and the only sub-environment's secret.
    expect(p.drafts[1]!.settings).toMatchObject({ clientAuthentication: 'body', authorizeMode: 'embedded', callbackUrl: 'https://localhost/callback' });
    expect(p.drafts[1]!.notes.map((n) => n.field)).toEqual(['usePkce', 'redirectUrl', 'accessToken']);
    expect(secrets.get(p.drafts[1]!.key)).toBe('dev-legacy-Secret!');
    expect(JSON.stringify(p)).not.toMatch(/dev-legacy-Secret|old-access-token/);
    expect(p.skipped).toEqual([{ source: 'Identity Playground / Auth / Batch job', reason: expect.stringContaining('"client_credentials"') }]);
  });
});

describe('Insomnia v5 YAML', () => {
  it('walks the nested collection tree; several sub-environments are not guessed between', async () => {
    const { preview: p, secrets } = await preview('insomnia/insomnia-v5-collection.yaml');
    expect(p.description).toBe('Insomnia export (v5 YAML) "Storefront"');
    expect(p.drafts).toHaveLength(1);
    const [account] = p.drafts;
    expect(account!.name).toBe('Storefront / Customers / Accounts / My account');
    expect(account!.settings).toMatchObject({
      authUrl: 'https://storefront-dev.auth0.example/authorize', // base environment: two sub-environments, neither applied
      codeChallengeMethod: 'plain',
      clientAuthentication: 'body',
      audience: 'https://api.storefront.example',
      tokenRequestOrigin: 'http://localhost:4000',
      callbackUrl: 'http://localhost:4000/callback',
      scope: 'openid profile offline_access',
    });
    expect(account!.notes).toEqual([]);
    expect(secrets.get(account!.key)).toBe('v5-Secret-from-insomnia');
    expect(p.skipped).toEqual([{ source: 'Storefront / Legacy implicit', reason: expect.stringContaining('"implicit"') }]);
  });

  it('marks a variable only a sub-environment defines, when there are several, as a placeholder', () => {
    const yaml = `type: collection.insomnia.rest/5.0
name: Envs
collection:
  - name: R
    url: https://x
    authentication:
      type: oauth2
      grantType: authorization_code
      usePkce: true
      authorizationUrl: "{{ _.host }}/authorize"
environments:
  name: Base
  data: {}
  subEnvironments:
    - name: A
      data: { host: https://a }
    - name: B
      data: { host: https://b }
`;
    const { preview: p } = finishPreview(parseFiles([{ name: 'envs.yaml', text: yaml }]));
    expect(p.drafts[0]!.settings.authUrl).toBe('{host}/authorize');
    expect(p.drafts[0]!.notes[0]!.reason).toContain('sub-environments "A", "B" are not applied');
  });
});

describe('broken Insomnia files', () => {
  it('names the line of broken YAML, and the place of a bad resource', () => {
    const yaml = 'type: collection.insomnia.rest/5.0\nname: X\ncollection:\n  - name: a\n   url: b\n';
    expect(() => parseFiles([{ name: 'bad.yaml', text: yaml }])).toThrow(/^bad\.yaml \(line \d+, column \d+\): not valid JSON or YAML/);
    const v4 = { _type: 'export', __export_format: 4, resources: [{ _type: 'workspace', _id: 'w' }, 'oops'] };
    expect(() => parseFiles([{ name: 'v4.json', text: JSON.stringify(v4) }])).toThrow('v4.json: resources[1]: each resource must be an object with a "_type". Nothing was imported.');
    const v3 = { _type: 'export', __export_format: 3, resources: [] };
    expect(() => parseFiles([{ name: 'v3.json', text: JSON.stringify(v3) }])).toThrow(/format 3 is not read/);
    const badTree = 'type: collection.insomnia.rest/5.0\nname: X\ncollection:\n  - name: f\n    children: nope\n';
    expect(() => parseFiles([{ name: 't.yaml', text: badTree }])).toThrow(/t\.yaml: collection\[0\]\.children: must be a list/);
  });
});
