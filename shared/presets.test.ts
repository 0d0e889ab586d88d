import { describe, expect, it } from 'vitest';
import { findPreset, placeholdersByField, PRESETS, presetSettings } from './presets';
import { ALL_AUTHORIZE_MODES } from './contract';
import { checkSettings } from './settings-validation';

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
