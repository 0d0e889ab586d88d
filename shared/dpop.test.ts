import { describe, expect, it } from 'vitest';
import { chooseDpopAlg } from './dpop';
import { preflightWarnings } from './oidc/preflight';
import { defaultFlowSettings } from './settings';

const md = (algs?: string[]) => ({ source: 'x', fetchedAt: 'now', metadata: { issuer: 'https://idp.example', ...(algs ? { dpop_signing_alg_values_supported: algs } : {}) } });

describe('chooseDpopAlg', () => {
  it('the form\'s choice; else ES256 when the metadata allows it or is silent; else the first the IdP lists that can be made', () => {
    expect(chooseDpopAlg({ dpopAlg: 'PS256', metadata: md(['ES256']) })).toEqual({ ok: true, alg: 'PS256', source: 'setting' });
    expect(chooseDpopAlg({ dpopAlg: '', metadata: null })).toEqual({ ok: true, alg: 'ES256', source: 'default' });
    expect(chooseDpopAlg({ dpopAlg: '', metadata: md() })).toEqual({ ok: true, alg: 'ES256', source: 'default' });
    expect(chooseDpopAlg({ dpopAlg: '', metadata: md(['Ed25519', 'ES256']) })).toEqual({ ok: true, alg: 'ES256', source: 'metadata' });
    expect(chooseDpopAlg({ dpopAlg: '', metadata: md(['HS256', 'RS256', 'PS256']) })).toEqual({ ok: true, alg: 'RS256', source: 'metadata' });
  });

  it('says why when no algorithm can be used', () => {
    expect(chooseDpopAlg({ dpopAlg: 'HS256', metadata: null })).toMatchObject({ ok: false, reason: expect.stringContaining('HS256') });
    expect(chooseDpopAlg({ dpopAlg: '', metadata: md(['ML-DSA-44']) })).toMatchObject({ ok: false, reason: expect.stringContaining('dpop_signing_alg_values_supported (ML-DSA-44)') });
  });
});

describe('pre-flight', () => {
  it('warns at DPoP when the metadata does not advertise it', () => {
    const settings = { ...defaultFlowSettings(), issuer: 'https://idp.example', dpop: true };
    expect(preflightWarnings({ ...settings, metadata: md() }, { hasClientSecret: false })).toContainEqual({ field: 'dpop', message: expect.stringContaining('no dpop_signing_alg_values_supported') });
    expect(preflightWarnings({ ...settings, metadata: md(['ES256']) }, { hasClientSecret: false }).filter((w) => w.field === 'dpop')).toEqual([]);
    expect(preflightWarnings({ ...settings, dpop: false, metadata: md() }, { hasClientSecret: false }).filter((w) => w.field === 'dpop')).toEqual([]);
  });
});
