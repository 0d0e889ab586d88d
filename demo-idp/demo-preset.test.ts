// The "Local demo IdP" preset (shared/presets.ts) must work with `npm run demo-idp` out of the box;
// shared/ cannot import the demo IdP, so the two are kept in step here.
import { describe, expect, it } from 'vitest';
import { ALL_AUTHORIZE_MODES } from '../shared/contract';
import { DEMO_IDP_ISSUER, DEMO_IDP_PUBLIC_CLIENT_ID, findPreset, presetSettings } from '../shared/presets';
import { checkSettings } from '../shared/settings-validation';
import { DEFAULT_PORT, DEMO_CLIENTS, HOST } from './config';
import { startDemoIdp } from './provider';

describe('the Local demo IdP preset', () => {
  it('point the local demo preset at what `npm run demo-idp` serves', async () => {
    expect(DEMO_IDP_ISSUER).toBe(`http://${HOST}:${DEFAULT_PORT}`);
    expect(DEMO_IDP_PUBLIC_CLIENT_ID).toBe(DEMO_CLIENTS.public.clientId);
    const demo = presetSettings(findPreset('demo-idp')!);
    expect(demo.issuer).toBe(DEMO_IDP_ISSUER);
    expect(DEMO_CLIENTS.public.redirectUris).toContain(demo.callbackUrl);
    expect(checkSettings(demo, ALL_AUTHORIZE_MODES).errors).toEqual([]);

    // The endpoint paths are the provider's own; compare them on a running instance (ephemeral port).
    const idp = await startDemoIdp({ port: 0 });
    try {
      const pathOf = (url: string) => new URL(url).pathname;
      expect(pathOf(demo.authUrl)).toBe(pathOf(idp.authorizationEndpoint));
      expect(pathOf(demo.accessTokenUrl)).toBe(pathOf(idp.tokenEndpoint));
      expect(idp.issuer).toBe(`http://${HOST}:${new URL(idp.issuer).port}`);
      expect(pathOf(demo.revocationUrl)).toBe(pathOf(idp.revocationEndpoint));
      expect(pathOf(demo.introspectionUrl)).toBe(pathOf(idp.introspectionEndpoint));
      expect(pathOf(demo.userinfoUrl)).toBe(pathOf(idp.userinfoEndpoint));
      expect(pathOf(demo.endSessionUrl)).toBe(pathOf(idp.endSessionEndpoint));
    } finally {
      await idp.close();
    }
  });
});
