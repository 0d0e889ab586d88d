// The two clients the bench compares, each doing one complete Authorization Code + PKCE flow against
// the demo IdP with the same simulated browser: (a) the app's flow engine, started as browser mode's
// API starts it (createAppCore, the contract's startFlow through dispatch), and (b) a plain
// oauth4webapi client with its own loopback listener, as a minimal native app would have.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import type { DemoIdp } from '../../demo-idp/provider';
import { createAppCore, type AppCore } from '../../main/api/create-app-core';
import { createMemorySecretStore } from '../../main/store/secret-store';
import { createMemoryKeyStore } from '../../main/keys/key-store';
import { rendererOpensTabLauncher } from '../../main/web/renderer-launcher';
import { dispatch } from '../../shared/contract-dispatch';
import { FINAL_FLOW_STATUSES, type FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings } from '../../shared/settings';
import { signInAndFollowRedirect, tokenRequestDelay } from './simulated-browser';

export interface FlowTiming {
  /** Start of the flow to tokens checked and held (ms). */
  totalMs: number;
  /** The redirect sent to the loopback listener → the token request reaching the IdP (ms). */
  redirectToTokenRequestMs: number;
}

export interface FlowClient {
  run(): Promise<FlowTiming>;
  close(): Promise<void>;
}

const SCOPE = 'openid profile';

/** Browser mode's core, as main/web/cli.ts builds it (the keychain replaced by memory: no secret is used). */
export async function createAppFlowClient(idp: DemoIdp): Promise<FlowClient> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pkce-bench-app-'));
  const core = createAppCore({ dataDir, launcher: rendererOpensTabLauncher, runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore: createMemoryKeyStore() });
  const settings = { ...defaultFlowSettings(), authUrl: idp.authorizationEndpoint, accessTokenUrl: idp.tokenEndpoint, clientId: idp.clients.public.clientId, scope: SCOPE };
  return {
    async run() {
      const startedAt = performance.now();
      const started = await dispatch(core.handlers, 'startFlow', { settings, profileId: null, clientSecret: { source: 'none' } });
      if (!started.ok) throw new Error(`startFlow refused: ${started.error.message}`);
      const flow = started.value as FlowSnapshot;
      const finished = waitForFinalStatus(core, flow.flowId);
      const before = idp.tokenRequests.length;
      const visit = await signInAndFollowRedirect(idp, flow.authorizationUrl);
      const final = await finished;
      const totalMs = performance.now() - startedAt;
      if (final.status !== 'done' || !final.tokens) throw new Error(`The app's flow ended ${final.status}: ${final.error?.message ?? 'no tokens'}`);
      return { totalMs, redirectToTokenRequestMs: tokenRequestDelay(idp, before, visit) };
    },
    async close() {
      await core.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForFinalStatus(core: AppCore, flowId: string): Promise<FlowSnapshot> {
  return new Promise((resolve) => {
    const settle = (snapshot: FlowSnapshot | undefined) => {
      if (!snapshot || !FINAL_FLOW_STATUSES.includes(snapshot.status)) return false;
      off();
      resolve(snapshot);
      return true;
    };
    const off = core.subscribe((event, payload) => {
      if (event === 'flowUpdated' && (payload as FlowSnapshot).flowId === flowId) settle(payload as FlowSnapshot);
    });
    settle(core.engine.get(flowId) ?? undefined);
  });
}

/** The same flow with oauth4webapi: PKCE S256, state, nonce, and the ID token's claims checked. */
export function createOauth4webapiFlowClient(idp: DemoIdp): FlowClient {
  const as: oauth.AuthorizationServer = { issuer: idp.issuer, authorization_endpoint: idp.authorizationEndpoint, token_endpoint: idp.tokenEndpoint };
  const client: oauth.Client = { client_id: idp.clients.public.clientId };
  return {
    async run() {
      const startedAt = performance.now();
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const nonce = oauth.generateRandomNonce();
      const challenge = await oauth.calculatePKCECodeChallenge(verifier);
      let redirectUri = '';
      let settle: { resolve(result: oauth.TokenEndpointResponse): void; reject(err: Error): void } | undefined;
      const tokens = new Promise<oauth.TokenEndpointResponse>((resolve, reject) => (settle = { resolve, reject }));
      tokens.catch(() => undefined); // a failure also fails the browser's visit, which is what reports it
      const server = createServer((req, res) => {
        void (async () => {
          const params = oauth.validateAuthResponse(as, client, new URL(req.url ?? '/', redirectUri), state);
          const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, verifier, { [oauth.allowInsecureRequests]: true });
          return oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true });
        })().then(
          (result) => {
            res.writeHead(200, { 'Content-Type': 'text/plain' }).end('Signed in. You can close this tab.');
            settle?.resolve(result);
          },
          (err: unknown) => {
            res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Sign-in failed.');
            settle?.reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
      const url = new URL(as.authorization_endpoint!);
      for (const [name, value] of Object.entries({ response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri, scope: SCOPE, state, nonce, code_challenge: challenge, code_challenge_method: 'S256' })) url.searchParams.set(name, value);
      try {
        const before = idp.tokenRequests.length;
        const visit = await signInAndFollowRedirect(idp, url.href);
        const result = await tokens;
        const totalMs = performance.now() - startedAt;
        if (!result.access_token) throw new Error('oauth4webapi got no access token.');
        return { totalMs, redirectToTokenRequestMs: tokenRequestDelay(idp, before, visit) };
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
    close: async () => {},
  };
}
