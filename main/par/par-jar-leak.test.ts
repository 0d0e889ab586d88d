// A sibling of main/store/secret-leak.test.ts for PAR and signed request objects: after pushed,
// signed flows of a confidential client (its secret in the Basic header, then in the body), neither
// the client secret nor the signing key's private half is in any snapshot the engine emitted (what
// the renderer, "Export trace" and the curl command get), nor in anything written to the console.
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK } from 'jose';
import type { ClientMetadata } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NATIVE_REDIRECT_URIS, SCOPES } from '../../demo-idp/config';
import { loginOverHttp } from '../../demo-idp/http-login';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import { buildCurlCommand } from '../../shared/curl';
import { formUrlEncode } from '../../shared/encoding';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings } from '../../shared/settings';
import { FlowEngine } from '../flow/flow-engine';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import type { SigningKeyMaterial } from '../keys/key-material';

const CLIENT = 'pkce-inspector-jar-confidential';
const SECRET = 'jar:s3cr+t/=%-leak-check';

let idp: DemoIdp;
let signingKey: SigningKeyMaterial;
beforeAll(async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  signingKey = { alg: 'ES256', kid: 'leak-1', privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: 'leak-1', alg: 'ES256' } };
  idp = await startDemoIdp({
    configure: (config) => {
      config.features!.requestObjects = { enabled: true };
      const client = {
        client_id: CLIENT,
        client_secret: SECRET,
        token_endpoint_auth_method: 'client_secret_basic',
        application_type: 'native',
        redirect_uris: [...NATIVE_REDIRECT_URIS],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        scope: SCOPES.join(' '),
        request_object_signing_alg: 'ES256',
        jwks: { keys: [signingKey.publicJwk as Record<string, unknown>] },
      } as ClientMetadata;
      config.clients = [...config.clients!, client];
    },
  });
});
afterAll(async () => {
  await idp?.close();
});

describe('PAR and signed request objects leak nothing secret', () => {
  it('no client secret or private key in any emitted snapshot, curl command or console line', async () => {
    const written: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' ')));
    const emitted: FlowSnapshot[] = [];
    const engine = new FlowEngine({ launcher: new RecordingLauncher(), onUpdate: (s) => emitted.push(s) });
    try {
      for (const clientAuthentication of ['basic', 'body'] as const) {
        const settings = { ...defaultFlowSettings(), issuer: idp.issuer, authUrl: idp.authorizationEndpoint, accessTokenUrl: idp.tokenEndpoint, clientId: CLIENT, usePar: true, parUrl: `${idp.issuer}/request`, signAuthorizationRequest: true, clientAuthentication };
        const started = await engine.start({ settings, profileId: 'p1', clientSecret: SECRET, keys: { signingKey } });
        const redirect = await loginOverHttp(started.authorizationUrl, { ...idp.user, isFinalRedirect: (u) => !u.startsWith(idp.issuer) });
        await fetch(redirect).then((r) => r.text());
        // oidc-provider takes a secret in the Basic header or the body alike: both flows push, sign and end.
        expect(engine.get(started.flowId)?.status).toBe('done');
      }
    } finally {
      await engine.dispose();
    }
    expect(emitted.some((s) => s.status === 'done')).toBe(true);

    const privateJwk = await exportJWK(signingKey.privateKey);
    const pem = signingKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const pemBody = pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
    const basic = (id: string, s: string) => Buffer.from(`${id}:${s}`).toString('base64');
    const needles = [SECRET, encodeURIComponent(SECRET), formUrlEncode(SECRET), basic(CLIENT, SECRET), basic(formUrlEncode(CLIENT), formUrlEncode(SECRET)), privateJwk.d!, pemBody];

    const curls = emitted.flatMap((s) => s.trace.filter((t) => t.kind === 'par_request' || t.kind === 'token_request').map((t) => buildCurlCommand(t).command));
    expect(curls.length).toBeGreaterThan(0);
    const haystacks = [...emitted.map((s) => JSON.stringify(s)), ...curls, ...written];
    for (const needle of needles) for (const hay of haystacks) expect(hay.includes(needle), `found ${needle.slice(0, 12)}…`).toBe(false);
  });
});
