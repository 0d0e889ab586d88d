import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { buildAuthenticatedPost } from '../client-auth/authenticated-post';
import { AssertionUnavailable } from '../client-auth/client-assertion';
import { signingKeyOrigins } from './signing-key-binding';
import { generateSigningKey, toMaterial } from './signing-key';

const now = new Date('2026-11-30T10:00:00Z');
const settings = (over: Partial<FlowSettings> = {}): FlowSettings => ({ ...defaultFlowSettings(), issuer: 'https://login.example/tenant', clientAuthentication: 'private_key_jwt', ...over });
const post = (url: string) => ({ url, params: [['grant_type', 'authorization_code']] as [string, string][], clientId: 'c1', clientSecret: null });

describe('where a signing key may send an assertion', () => {
  it('binds to the saved profile: token, refresh, revocation, introspection, PAR endpoints and the issuer', () => {
    const saved = settings({
      accessTokenUrl: 'https://token.example/t',
      refreshTokenUrl: 'https://refresh.example/r',
      introspectionUrl: 'https://introspect.example/i',
      parUrl: 'https://par.example/par',
      revocationUrl: 'https://{tenant}.example/placeholder',
    });
    expect(signingKeyOrigins(saved).sort()).toEqual(['https://introspect.example', 'https://login.example', 'https://par.example', 'https://refresh.example', 'https://token.example']);
  });

  it('an issuer-audience assertion goes only to a bound origin; an endpoint-audience one binds itself', async () => {
    const key = toMaterial(await generateSigningKey('ES256', 'k', ['https://token.example'], now));
    const issuerAud = { settings: settings({ assertionAudience: 'issuer' }), keys: { signingKey: key }, now };
    const sent = await buildAuthenticatedPost(post('https://token.example/oauth/token'), issuerAud);
    expect(decodeJwt(new URLSearchParams(sent.body).get('client_assertion')!).aud).toBe('https://login.example/tenant');
    const refused = buildAuthenticatedPost(post('https://attacker.example/token'), issuerAud);
    await expect(refused).rejects.toBeInstanceOf(AssertionUnavailable);
    await expect(refused).rejects.toThrow(/saved for https:\/\/token.example, and this request goes to https:\/\/attacker.example/);

    const endpointAud = await buildAuthenticatedPost(post('https://attacker.example/token'), { ...issuerAud, settings: settings() });
    expect(decodeJwt(new URLSearchParams(endpointAud.body).get('client_assertion')!).aud).toBe('https://attacker.example/token');
  });
});
