// A signed UserInfo answer checked against a real HTTP server serving a JWKS (keys made here with
// jose): the cache it shares with the ID token checks, a rotated key, the IdP's alg list, and the
// iss and aud rows.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwtForDisplay } from '../../shared/jwt';
import type { DiscoveredMetadata } from '../../shared/oidc/metadata';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { sendJson, startLocalServer, type LocalServer } from '../flow/test-support/local-server';
import { JwksCache } from '../oidc/jwks-cache';
import { verifySignedUserInfo } from './userinfo-jwt';

const ISSUER = 'https://idp.example.test';
const NOW = new Date();

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>> & { jwk: JWK };
async function keyPair(kid: string, alg: string): Promise<KeyPair> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { ...pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } };
}

let server: LocalServer;
let servedKeys: JWK[] = [];
let fetches = 0;
let rsa1: KeyPair;
let rsa2: KeyPair;
let ec: KeyPair;
beforeAll(async () => {
  [rsa1, rsa2, ec] = await Promise.all([keyPair('r1', 'RS256'), keyPair('r2', 'RS256'), keyPair('e1', 'ES256')]);
  server = await startLocalServer((_req, res) => {
    fetches += 1;
    sendJson(res, 200, { keys: servedKeys });
  });
});
afterAll(() => server?.close());

function settings(metadata: Partial<DiscoveredMetadata['metadata']> = {}, overrides: Partial<FlowSettings> = {}): FlowSettings {
  return {
    ...defaultFlowSettings(),
    clientId: 'app',
    issuer: ISSUER,
    metadata: { source: `${ISSUER}/.well-known/openid-configuration`, fetchedAt: NOW.toISOString(), metadata: { issuer: ISSUER, jwks_uri: `${server.url}/jwks`, ...metadata } },
    ...overrides,
  };
}

async function userInfo(key: KeyPair, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ sub: 'dana', iss: ISSUER, aud: 'app', ...claims }).setProtectedHeader({ alg: String(key.jwk.alg), kid: String(key.jwk.kid) }).sign(key.privateKey);
}

async function check(jwt: string, flowSettings: FlowSettings, jwks = new JwksCache()) {
  const decoded = decodeJwtForDisplay(jwt);
  if (!decoded.ok) throw new Error(decoded.reason);
  return verifySignedUserInfo(jwt, decoded.header, decoded.payload, flowSettings, jwks, () => NOW);
}

const row = (rows: { name: string }[], name: string) => rows.find((r) => r.name === name);

describe('verifySignedUserInfo', () => {
  it('verifies the signature with the discovered jwks_uri and checks iss and aud', async () => {
    servedKeys = [rsa1.jwk];
    const outcome = await check(await userInfo(rsa1), settings());
    expect(outcome.verified).toBe(true);
    expect(row(outcome.rows, 'Signature')).toMatchObject({ verdict: 'ok', value: expect.stringContaining('RS256 signature verified with key kid "r1"') });
    expect(row(outcome.rows, 'iss')).toMatchObject({ verdict: 'ok' });
    expect(row(outcome.rows, 'aud')).toMatchObject({ verdict: 'ok', value: 'app (this client)' });
    expect(outcome.trace).toEqual([expect.objectContaining({ kind: 'note', level: 'info', message: expect.stringContaining(`${server.url}/jwks`) })]);
  });

  it('uses the keys already cached for the issuer (as the ID token check left them), and fetches again once for a rotated key', async () => {
    servedKeys = [rsa1.jwk];
    const jwks = new JwksCache();
    await check(await userInfo(rsa1), settings(), jwks);
    const before = fetches;
    const again = await check(await userInfo(rsa1), settings(), jwks);
    expect(again.verified).toBe(true);
    expect(fetches).toBe(before);
    expect(again.trace[0]).toMatchObject({ message: expect.stringContaining('cached for this issuer') });

    servedKeys = [rsa2.jwk];
    const rotated = await check(await userInfo(rsa2), settings(), jwks);
    expect(rotated.verified).toBe(true);
    expect(fetches).toBe(before + 1);
    expect(rotated.trace.map((e) => (e.kind === 'note' ? e.message : ''))).toContainEqual(expect.stringContaining('rotated its keys'));
  });

  it('says INVALID, not ok, when another key signed the answer', async () => {
    servedKeys = [rsa1.jwk];
    const forged = await new SignJWT({ sub: 'dana', iss: ISSUER, aud: 'app' }).setProtectedHeader({ alg: 'RS256', kid: 'r1' }).sign(rsa2.privateKey);
    const outcome = await check(forged, settings());
    expect(outcome.verified).toBe(false);
    expect(row(outcome.rows, 'Signature')).toMatchObject({ verdict: 'bad', value: expect.stringContaining('does not verify') });
  });

  it("holds the alg against the IdP's userinfo_signing_alg_values_supported when it lists one, and takes any asymmetric alg when it lists none", async () => {
    servedKeys = [ec.jwk];
    const listedOther = await check(await userInfo(ec), settings({ userinfo_signing_alg_values_supported: ['RS256'] }));
    expect(listedOther.verified).toBe(false);
    expect(row(listedOther.rows, 'Signature')).toMatchObject({ verdict: 'bad', value: expect.stringContaining('alg ES256 is not one the IdP lists (RS256)') });
    const unlisted = await check(await userInfo(ec), settings());
    expect(row(unlisted.rows, 'Signature')).toMatchObject({ verdict: 'ok' });
  });

  it('refuses alg none, and says what is missing without a JWKS URI or with a secret-signed answer', async () => {
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'dana', iss: ISSUER, aud: 'app' })).toString('base64url')}.`;
    expect(row((await check(unsigned, settings())).rows, 'Signature')).toMatchObject({ verdict: 'bad', value: expect.stringContaining('not signed at all') });

    const noKeys = settings({ jwks_uri: undefined });
    expect(row((await check(await userInfo(rsa1), noKeys)).rows, 'Signature')).toMatchObject({ verdict: 'warning', value: expect.stringMatching(/^not checked: no JWKS/) });

    const hs = await new SignJWT({ sub: 'dana', iss: ISSUER, aud: 'app' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    expect(row((await check(hs, settings())).rows, 'Signature')).toMatchObject({ verdict: 'warning', value: expect.stringContaining('client secret') });
  });

  it('flags an answer for another issuer or another client, and warns when iss or aud are missing', async () => {
    servedKeys = [rsa1.jwk];
    const other = await check(await userInfo(rsa1, { iss: 'https://evil.example', aud: 'someone-else' }), settings());
    expect(row(other.rows, 'iss')).toMatchObject({ verdict: 'bad', value: `https://evil.example, expected ${ISSUER}` });
    expect(row(other.rows, 'aud')).toMatchObject({ verdict: 'bad', value: 'someone-else, not this client (app)' });
    const bare = await check(await userInfo(rsa1, { iss: undefined, aud: undefined }), settings());
    expect(row(bare.rows, 'iss')).toMatchObject({ verdict: 'warning' });
    expect(row(bare.rows, 'aud')).toMatchObject({ verdict: 'warning' });
  });
});
