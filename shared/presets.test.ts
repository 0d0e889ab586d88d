import { describe, expect, it } from 'vitest';
import { findPreset, placeholdersByField, PRESETS, presetSettings } from './presets';
import { ALL_AUTHORIZE_MODES } from './contract';
import { checkSettings } from './settings-validation';
import { checkIssuer } from './oidc/discovery-url';

/** What a user would type over each placeholder. */
function fillPlaceholders<T>(settings: T): T {
  return JSON.parse(
    JSON.stringify(settings)
      .replace(/\{tenant_url\}|\{server\}/g, 'https://idp.example.com')
      .replace(/\{[^{}\s]+\}/g, 'example'),
  ) as T;
}

describe('presets', () => {
  it('have unique ids and complete, valid settings', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const preset of PRESETS) {
      const settings = presetSettings(preset);
      expect(settings.authUrl, preset.id).not.toBe('');
      expect(settings.accessTokenUrl, preset.id).not.toBe('');
      expect(preset.notes.length, preset.id).toBeGreaterThan(0);
    }
  });

  it('leave placeholders that block a flow until they are filled in', () => {
    const azure = presetSettings(findPreset('azure-ad')!);
    expect(placeholdersByField(azure)).toEqual([
      { field: 'issuer', placeholders: ['{tenant}'] },
      { field: 'authUrl', placeholders: ['{tenant}'] },
      { field: 'accessTokenUrl', placeholders: ['{tenant}'] },
      { field: 'clientId', placeholders: ['{application_client_id}'] },
    ]);
    expect(checkSettings(azure).errors.map((e) => e.field)).toEqual(['authUrl', 'accessTokenUrl', 'clientId']);

    for (const preset of PRESETS) {
      const filled = fillPlaceholders(presetSettings(preset));
      expect(placeholdersByField(filled), preset.id).toEqual([]);
      expect(checkSettings(filled, ALL_AUTHORIZE_MODES).errors, preset.id).toEqual([]);
    }
  });

  it('give every preset an issuer template that Discover accepts once its placeholders are filled', () => {
    expect(PRESETS.map((p) => [p.id, presetSettings(p).issuer])).toEqual([
      ['azure-ad', 'https://login.microsoftonline.com/{tenant}/v2.0'],
      ['cyberark-identity', '{tenant_url}/{application_id}'],
      ['okta', 'https://{yourOktaDomain}/oauth2/default'],
      ['auth0', 'https://{yourDomain}/'],
      ['keycloak', '{server}/realms/{realm}'],
      ['google', 'https://accounts.google.com'],
      ['demo-idp', 'http://127.0.0.1:9090'],
    ]);
    for (const preset of PRESETS) {
      const { issuer } = presetSettings(preset);
      const filled = fillPlaceholders(presetSettings(preset)).issuer;
      expect(checkIssuer(filled), preset.id).toEqual({ ok: true, issuer: filled });
      if (filled !== issuer) expect(checkIssuer(issuer), preset.id).toEqual({ ok: false, reason: expect.stringMatching(/^Replace \{/) });
    }
    // An issuer placeholder does not block a flow: Discover and the ID token's iss check wait for it.
    expect(checkSettings(presetSettings(findPreset('okta')!)).errors.map((e) => e.field)).not.toContain('issuer');
  });

  it('use the endpoints each IdP documents', () => {
    expect(presetSettings(findPreset('cyberark-identity')!)).toMatchObject({
      authUrl: '{tenant_url}/oauth2/authorize/{application_id}',
      accessTokenUrl: '{tenant_url}/oauth2/token/{application_id}',
    });
    expect(presetSettings(findPreset('keycloak')!).authUrl).toBe('{server}/realms/{realm}/protocol/openid-connect/auth');
    expect(presetSettings(findPreset('google')!).accessTokenUrl).toBe('https://oauth2.googleapis.com/token');
    expect(presetSettings(findPreset('auth0')!).audience).toBe('{api_identifier}');
    expect(findPreset('azure-ad')!.notes.join(' ')).toMatch(/AADSTS9002327/);
  });
});
