import { describe, expect, it } from 'vitest';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings } from '../../shared/settings';
import type { AuthorizationLauncher } from '../flow/flow-engine';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { TokenLifecycleService, type ActionCaller } from './token-lifecycle';

const RECEIVED = '2026-01-01T10:00:00.000Z';
function flow(overrides: Partial<FlowSnapshot> = {}): FlowSnapshot {
  return {
    flowId: 'f1',
    profileId: null,
    tokenName: 'Token',
    status: 'done',
    startedAt: RECEIVED,
    updatedAt: RECEIVED,
    expiresAt: RECEIVED,
    mode: 'browser-loopback',
    authorizationUrl: 'https://idp.example/authorize?client_id=app',
    redirectUri: 'http://127.0.0.1:1/callback',
    state: 's',
    openedBy: 'app',
    pkce: { method: 'S256', verifier: 'v', verifierBytesHex: '76', challenge: 'c', generated: true, warnings: [] },
    trace: [],
    tokens: { receivedAt: RECEIVED, raw: {}, accessToken: 'AT', refreshToken: 'RT1', expiresIn: 3600 },
    ...overrides,
  };
}

const caller: ActionCaller = { settings: { ...defaultFlowSettings(), clientId: 'app', accessTokenUrl: 'https://idp.example/token' }, profileId: null, clientSecret: { source: 'none' } };

function service(flows: FlowSnapshot[], answer: () => Response, launcher: AuthorizationLauncher = new RecordingLauncher()) {
  const sent: Request[] = [];
  const cleared: string[] = [];
  const lifecycle = new TokenLifecycleService({
    flows: { has: (id) => flows.some((f) => f.flowId === id), get: (id) => flows.find((f) => f.flowId === id), list: () => flows },
    resolveSecret: async () => null,
    emit: () => undefined,
    notice: () => undefined,
    signOut: { launcher, clearCookies: async () => void cleared.push('cleared') },
    http: {
      fetchImpl: async (input, init) => {
        sent.push(new Request(input, init));
        return answer();
      },
    },
  });
  return { lifecycle, sent, cleared };
}

const json = (body: object, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('TokenLifecycleService', () => {
  it('keeps the refresh token used when the IdP sends none back, and says it was not rotated', async () => {
    const { lifecycle, sent } = service([flow()], () => json({ access_token: 'AT2', token_type: 'Bearer', expires_in: 60 }));
    const { created } = await lifecycle.run('f1', { kind: 'refresh' }, caller);
    expect(await sent[0]!.text()).toBe('grant_type=refresh_token&refresh_token=RT1&client_id=app');
    expect(created?.tokens).toMatchObject({ accessToken: 'AT2', refreshToken: 'RT1' });
    expect(created?.lifecycle?.refreshedFrom?.rotated).toBeNull();
    // Nothing rotated out, so there is nothing to replay.
    await expect(lifecycle.run(created!.flowId, { kind: 'reuse-refresh' }, caller)).rejects.toThrow(/no previous refresh token/);
  });

  it('says when an IdP accepts a rotated refresh token again (no reuse detection)', async () => {
    let n = 0;
    const { lifecycle } = service([flow()], () => json({ access_token: `AT${++n}`, refresh_token: `RT${n + 1}` }));
    const { created } = await lifecycle.run('f1', { kind: 'refresh' }, caller);
    expect(created?.lifecycle?.refreshedFrom?.rotated).toBe(true);
    const { flow: replayed } = await lifecycle.run(created!.flowId, { kind: 'reuse-refresh' }, caller);
    const result = replayed.lifecycle?.results.at(-1);
    expect(result).toMatchObject({ outcome: 'warning', summary: expect.stringContaining('does not detect refresh token reuse') });
    expect(result?.rows[0]).toEqual({ name: 'Reuse detected', value: 'no: new tokens were issued', verdict: 'bad' });
  });

  it('refuses what cannot be done: an unknown entry, an entry without tokens, an unknown endpoint', async () => {
    const { lifecycle, sent } = service([flow({ flowId: 'waiting', status: 'awaiting-redirect', tokens: undefined }), flow()], () => json({}));
    await expect(lifecycle.run('nope', { kind: 'userinfo' }, caller)).rejects.toMatchObject({ code: 'not_found' });
    await expect(lifecycle.run('waiting', { kind: 'userinfo' }, caller)).rejects.toMatchObject({ code: 'conflict' });
    await expect(lifecycle.run('f1', { kind: 'revoke', token: 'access_token' }, caller)).rejects.toMatchObject({ code: 'invalid_settings', message: expect.stringContaining('Revocation URL') });
    expect(sent).toHaveLength(0);
  });

  it('reads a Bearer challenge from an API that refuses the token, and explains it', async () => {
    const { lifecycle } = service([flow()], () => new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"' } }));
    const { flow: called } = await lifecycle.run('f1', { kind: 'call-api', method: 'GET', url: 'https://api.example/me', headers: [] }, caller);
    expect(called.lifecycle?.results.at(-1)).toMatchObject({ outcome: 'failed', error: { error: 'invalid_token', errorDescription: 'The access token expired', httpStatus: 401 } });
    expect(called.trace.at(-2)).toMatchObject({ kind: 'action_request', headers: { authorization: 'Bearer AT' } });
  });

  it('signs out of an embedded-window flow without a post_logout_redirect_uri when the launcher has no sign-out window, clearing the kept cookies', async () => {
    const launcher = new RecordingLauncher();
    const { lifecycle, cleared } = service([flow({ mode: 'embedded', tokens: { receivedAt: RECEIVED, raw: {}, accessToken: 'AT', idToken: 'ID.TOKEN.sig' } })], () => json({}), launcher);
    const { flow: out } = await lifecycle.run('f1', { kind: 'sign-out' }, { ...caller, settings: { ...caller.settings, endSessionUrl: 'https://idp.example/logout?x=1' } });
    const opened = new URL(launcher.opened[0]!.url);
    expect(launcher.opened[0]).toMatchObject({ mode: 'embedded' });
    expect(Object.fromEntries(opened.searchParams)).toEqual({ x: '1', id_token_hint: 'ID.TOKEN.sig', client_id: 'app', state: expect.any(String) });
    expect(cleared).toEqual(['cleared']);
    expect(out.lifecycle?.results.at(-1)).toMatchObject({ outcome: 'ok', rows: expect.arrayContaining([expect.objectContaining({ name: 'post_logout_redirect_uri', value: expect.stringContaining('not sent') })]) });
  });

  it('in browser mode hands the sign-out URL to the page to open', async () => {
    const opened: string[] = [];
    const pageOpens: AuthorizationLauncher = { openedBy: 'renderer', open: async (r) => void opened.push(r.url), close: () => undefined };
    const { lifecycle } = service([flow({ mode: 'browser-scheme' })], () => json({}), pageOpens);
    const { flow: out } = await lifecycle.run('f1', { kind: 'sign-out' }, { ...caller, settings: { ...caller.settings, endSessionUrl: 'https://idp.example/logout' } });
    expect(opened).toEqual([]);
    expect(out.lifecycle?.results.at(-1)?.openUrl).toMatch(/^https:\/\/idp\.example\/logout\?client_id=app&state=/);
  });
  it('tracks a new flow without copying the flows it already holds (pruning asks only whether each still exists)', () => {
    const held = Array.from({ length: 50 }, (_, i) => flow({ flowId: `f${i}` }));
    let copies = 0;
    const lifecycle = new TokenLifecycleService({
      flows: { has: (id) => held.some((f) => f.flowId === id), get: (id) => (copies++, held.find((f) => f.flowId === id)), list: () => held },
      resolveSecret: async () => null,
      emit: () => undefined,
      notice: () => undefined,
      signOut: { launcher: new RecordingLauncher(), clearCookies: async () => undefined },
    });
    for (const f of held) lifecycle.track(f.flowId, caller);
    expect(copies).toBe(0);
    // A flow the engine has forgotten is forgotten here too.
    held.splice(0, 10);
    lifecycle.track('f10', caller);
    expect(lifecycle.list().map((f) => f.flowId)).toEqual(held.map((f) => f.flowId));
  });
  it('keeps the 200 newest refreshed entries: the oldest is dropped once a 201st comes, the others stay in order', async () => {
    let n = 0;
    const { lifecycle } = service([flow()], () => json({ access_token: `AT${++n}` }));
    const created: string[] = [];
    for (let i = 0; i < 201; i += 1) created.push((await lifecycle.run('f1', { kind: 'refresh' }, caller)).created!.flowId);
    const listed = lifecycle.list().map((f) => f.flowId);
    expect(listed).toEqual(['f1', ...created.slice(1)]);
    expect(lifecycle.snapshot(created[0]!)).toBeUndefined();
    expect(lifecycle.snapshot(created[200]!)?.tokens?.accessToken).toBe('AT201');
  });
});
