import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultFlowSettings } from '../../shared/settings';
import { ProfileStore } from './profile-store';
import { endpointOrigins, originOf } from './secret-endpoints';
import { createSecretGuard, endpointChangeDialog, type EndpointChange } from './secret-guard';
import { createMemorySecretStore } from './secret-store';
import { apiRejection } from './test-support/api-rejection';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pkce-guard-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('secret endpoints', () => {
  it('compares scheme, host and port, as URLs mean them', () => {
    expect(originOf('https://IDP.example:443/oauth2/token?x=1#f')).toBe('https://idp.example');
    expect(originOf('http://127.0.0.1:8080/token')).toBe('http://127.0.0.1:8080');
    expect(originOf('https://idp.example:8443/token')).not.toBe(originOf('https://idp.example/token'));
    expect(originOf('http://idp.example/token')).not.toBe(originOf('https://idp.example/token'));
    expect(originOf('https://user:pw@idp.example/token')).toBe('https://idp.example');
    for (const bad of ['', 'not a url', 'file:///etc/passwd', 'javascript:alert(1)', 'io.github.pkce-inspector:/cb']) expect(originOf(bad)).toBeNull();
  });

  it('binds to the profile\'s Access Token URL, leaving out one with placeholders', () => {
    const at = (accessTokenUrl: string) => ({ ...defaultFlowSettings(), accessTokenUrl });
    expect(endpointOrigins(at('https://idp.example/token'))).toEqual(['https://idp.example']);
    expect(endpointOrigins(at('https://{yourOktaDomain}/oauth2/v1/token'))).toEqual([]);
    expect(endpointOrigins(at(''))).toEqual([]);
  });

  it('binds to the endpoints of the client-authenticated token actions too: Advanced fields first, then the metadata', () => {
    const settings = {
      ...defaultFlowSettings(),
      accessTokenUrl: 'https://idp.example/token',
      refreshTokenUrl: 'https://refresh.example/token',
      introspectionUrl: 'https://introspect.example:8443/introspect',
      metadata: { source: 'https://idp.example/.well-known/openid-configuration', fetchedAt: '2026-01-01T00:00:00Z', metadata: { issuer: 'https://idp.example', revocation_endpoint: 'https://revoke.example/revoke', introspection_endpoint: 'https://ignored.example/introspect' } },
    };
    expect(endpointOrigins(settings)).toEqual(['https://idp.example', 'https://refresh.example', 'https://revoke.example', 'https://introspect.example:8443']);
  });
});

describe('secret guard', () => {
  async function setup(confirm?: (c: EndpointChange) => Promise<boolean>) {
    const profiles = new ProfileStore({ dataDir: dir });
    const secrets = createMemorySecretStore();
    const p = await profiles.create({ name: 'Okta', settings: { ...defaultFlowSettings(), accessTokenUrl: 'https://idp.example/token' } });
    await secrets.set(p.id, { secret: 's', origins: ['https://idp.example'] });
    return { p, secrets, guard: createSecretGuard({ profiles, secrets, ...(confirm ? { confirmEndpointChange: confirm } : {}) }) };
  }

  it('gives the secret for a bound origin only (any path on it)', async () => {
    const { p, guard } = await setup();
    expect(await guard.secretFor(p.id, 'https://idp.example/other/path')).toBe('s');
    await guard.assertSecretMayGoTo(p.id, 'https://idp.example/token');
    for (const url of ['https://idp.example.evil.test/token', 'http://idp.example/token', 'https://idp.example:444/token']) {
      const err = await apiRejection(guard.assertSecretMayGoTo(p.id, url));
      expect(err.code).toBe('secret_endpoint_changed');
      expect(err.message).toMatch(/can only be confirmed in the desktop app/);
    }
    expect((await apiRejection(guard.secretFor(p.id, 'ftp://idp.example/token'))).code).toBe('invalid_input');
    expect((await apiRejection(guard.secretFor('ghost', 'https://idp.example/token'))).code).toBe('not_found');
  });

  it('keeps the binding when the user declines, and adds the endpoint when they confirm', async () => {
    let answer = false;
    const { p, secrets, guard } = await setup(async () => answer);
    const err = await apiRejection(guard.secretFor(p.id, 'https://login.new.example/token'));
    expect(err.message).toMatch(/did not confirm/);
    expect((await secrets.get(p.id))?.origins).toEqual(['https://idp.example']);
    answer = true;
    expect(await guard.secretFor(p.id, 'https://login.new.example/token')).toBe('s');
    expect((await secrets.get(p.id))?.origins).toEqual(['https://idp.example', 'https://login.new.example']);
  });

  it('words the desktop confirmation with the profile, the saved origin and the new one', () => {
    const words = endpointChangeDialog({ profileName: 'Okta', boundOrigins: ['https://idp.example'], url: 'https://x.example/t', origin: 'https://x.example' });
    expect(words.message).toBe('Send the client secret of "Okta" to https://x.example?');
    expect(words.detail).toMatch(/^It was saved for https:\/\/idp\.example\. /);
  });
});
