// The token actions against the REAL oidc-provider of demo-idp/: refresh with rotation and reuse
// detection, auto-refresh, revocation, introspection, UserInfo (JSON and signed), sign-out through
// the end-session endpoint back to a loopback listener, and every Send as placement.
import { CookieJar } from 'tough-cookie';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { grantErrorDetail, startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import type { FlowSnapshot } from '../../shared/flow-types';
import type { ActionResult } from '../../shared/token-actions';
import { fetchUserInfo } from './userinfo';
import { act, confirmSignOut, demoSettings, runFlow, secretOf, startTestCore, type TestCore } from './test-support/core-flow';

let idp: DemoIdp;
let t: TestCore;
beforeAll(async () => {
  idp = await startDemoIdp({ port: 0 });
});
afterAll(async () => {
  await idp?.close();
});
afterEach(async () => {
  await t?.dispose();
});

const lastResult = (flow: FlowSnapshot): ActionResult => flow.lifecycle!.results.at(-1)!;
const row = (result: ActionResult, name: string) => result.rows.find((r) => r.name === name);

describe('token actions × oidc-provider', () => {
  it('refreshes with rotation; the rotated refresh token is then refused at the IdP (RFC 9700 4.14.2)', async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    const settings = demoSettings(idp, client);
    const flow = await runFlow(t, idp, settings, secretOf(client));
    const firstRefresh = flow.tokens!.refreshToken!;
    expect(firstRefresh).toBeTruthy();

    const before = idp.tokenRequests.length;
    const { flow: origin, created } = await act(t, flow, settings, secretOf(client), { kind: 'refresh' });
    expect(created).toBeDefined();
    expect(created!.tokens!.accessToken).not.toBe(flow.tokens!.accessToken);
    expect(created!.tokens!.refreshToken).not.toBe(firstRefresh);
    expect(created!.lifecycle!.refreshedFrom).toMatchObject({ flowId: flow.flowId, rotated: true, auto: false });
    expect(origin.lifecycle!.refreshedInto).toEqual([created!.flowId]);
    expect(lastResult(origin)).toMatchObject({ kind: 'refresh', outcome: 'ok', summary: expect.stringContaining('was rotated') });
    expect(idp.tokenRequests.slice(before).map((r) => r.body)).toEqual([expect.objectContaining({ grant_type: 'refresh_token', refresh_token: firstRefresh, client_id: client.clientId })]);
    // The new entry's trace starts with where it came from, then the refresh request and answer.
    expect(created!.trace.map((e) => e.kind)).toEqual(['note', 'action_request', 'action_response']);
    expect(await t.call('listFlows', {})).toEqual(expect.arrayContaining([expect.objectContaining({ flowId: created!.flowId })]));

    const errorsBefore = idp.grantErrors.length;
    const { flow: reused, created: none } = await act(t, created!, settings, secretOf(client), { kind: 'reuse-refresh' });
    expect(none).toBeUndefined();
    expect(lastResult(reused)).toMatchObject({ kind: 'reuse-refresh', outcome: 'ok', summary: expect.stringContaining('As expected'), error: { error: 'invalid_grant' } });
    expect(idp.tokenRequests.at(-1)?.body.refresh_token).toBe(firstRefresh);
    expect(idp.grantErrors.slice(errorsBefore).map(grantErrorDetail)).toEqual([expect.stringContaining('invalid_grant')]);

    // oidc-provider also revoked the family on the replay: the newer refresh token is dead too.
    const { flow: after } = await act(t, created!, settings, secretOf(client), { kind: 'refresh' });
    expect(lastResult(after)).toMatchObject({ outcome: 'failed', error: { error: 'invalid_grant' } });
  });

  it('auto-refreshes before the access token expires, with the countdown on the entry', async () => {
    const shortLived = await startDemoIdp({ port: 0, ttl: { AccessToken: 8 } });
    try {
      t = await startTestCore();
      const client = shortLived.clients.public;
      const settings = demoSettings(shortLived, client, { autoRefresh: true, autoRefreshSeconds: 4 });
      const flow = await runFlow(t, shortLived, settings, secretOf(client));
      expect(flow.tokens!.expiresIn).toBe(8);
      const expiresAt = Date.parse(flow.tokens!.receivedAt) + 8_000;
      expect(flow.lifecycle!.autoRefresh).toMatchObject({ secondsBefore: 4, at: new Date(expiresAt - 4_000).toISOString() });

      await vi.waitFor(() => expect(t.events.find((e) => e.lifecycle?.refreshedFrom?.auto)).toBeDefined(), { timeout: 15_000, interval: 200 });
      const refreshed = t.events.find((e) => e.lifecycle?.refreshedFrom?.auto)!;
      expect(refreshed.lifecycle!.refreshedFrom).toMatchObject({ flowId: flow.flowId, rotated: true });
      const sentAt = Date.parse(refreshed.trace.find((e) => e.kind === 'action_request')!.at);
      expect(sentAt).toBeLessThan(expiresAt);
      expect(sentAt).toBeGreaterThanOrEqual(expiresAt - 4_000);
      // The chain goes on: the new entry has its own countdown, the old one none.
      expect(refreshed.lifecycle!.autoRefresh).toBeDefined();
      expect(t.core.lifecycle.snapshot(flow.flowId)!.lifecycle!.autoRefresh).toBeUndefined();

      // Turning it off stops the countdown.
      const { flow: off } = await act(t, refreshed, { ...settings, autoRefresh: false }, secretOf(client), { kind: 'auto-refresh' });
      expect(off.lifecycle!.autoRefresh).toBeUndefined();
    } finally {
      await t.dispose();
      await shortLived.close();
    }
  });

  it('introspects a live token (active, this client), revokes it, and introspects it again (active: false)', async () => {
    t = await startTestCore();
    const client = idp.clients.confidentialBasic;
    const settings = demoSettings(idp, client);
    const flow = await runFlow(t, idp, settings, secretOf(client));

    const { flow: live } = await act(t, flow, settings, secretOf(client), { kind: 'introspect', token: 'access_token' });
    const active = lastResult(live);
    expect(active).toMatchObject({ outcome: 'ok', summary: expect.stringMatching(/^Active/) });
    expect(row(active, 'active')).toMatchObject({ value: 'true', verdict: 'ok' });
    expect(row(active, 'client_id')?.value).toBe(client.clientId);
    expect(row(active, 'exp')).toMatchObject({ verdict: 'ok', value: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const { flow: revoked } = await act(t, flow, settings, secretOf(client), { kind: 'revoke', token: 'access_token' });
    expect(lastResult(revoked)).toMatchObject({ kind: 'revoke', outcome: 'ok', title: 'Revoke access token' });
    expect(revoked.lifecycle!.revoked.access_token).toBeDefined();
    const request = revoked.trace.filter((e) => e.kind === 'action_request').at(-1);
    expect(request).toMatchObject({ action: 'revoke', clientAuth: 'basic', headers: { authorization: 'Basic [redacted]' } });
    expect(request?.kind === 'action_request' && request.bodyParams).toEqual([['token', flow.tokens!.accessToken], ['token_type_hint', 'access_token']]);

    const { flow: dead } = await act(t, flow, settings, secretOf(client), { kind: 'introspect', token: 'access_token' });
    expect(lastResult(dead)).toMatchObject({ outcome: 'warning', summary: expect.stringContaining('active: false') });
    expect(row(lastResult(dead), 'active')).toMatchObject({ value: 'false', verdict: 'bad' });

    // The refresh token, revoked with its hint, cannot refresh any more.
    await act(t, flow, settings, secretOf(client), { kind: 'revoke', token: 'refresh_token' });
    const { flow: refused } = await act(t, flow, settings, secretOf(client), { kind: 'refresh' });
    expect(lastResult(refused)).toMatchObject({ outcome: 'failed', error: { error: 'invalid_grant' } });
  });

  it('calls UserInfo: JSON for one client, a signed JWT verified against the JWKS for another', async () => {
    t = await startTestCore();
    const pub = idp.clients.public;
    const flow = await runFlow(t, idp, demoSettings(idp, pub), secretOf(pub));
    const { flow: json } = await act(t, flow, demoSettings(idp, pub), secretOf(pub), { kind: 'userinfo' });
    const plain = lastResult(json);
    expect(plain).toMatchObject({ outcome: 'ok', summary: 'Claims about Dana Demo.' });
    expect(row(plain, 'sub check')).toMatchObject({ verdict: 'ok' });
    expect(row(plain, 'name')?.value).toBe('Dana Demo');
    expect(json.trace.filter((e) => e.kind === 'action_request').at(-1)).toMatchObject({ method: 'GET', clientAuth: 'bearer', headers: { authorization: `Bearer ${flow.tokens!.accessToken}` } });

    const signedClient = idp.clients.confidentialPost;
    const settings = demoSettings(idp, signedClient, { issuer: idp.issuer });
    const signedFlow = await runFlow(t, idp, settings, secretOf(signedClient));
    const { flow: jwt } = await act(t, signedFlow, settings, secretOf(signedClient), { kind: 'userinfo' });
    const signed = lastResult(jwt);
    expect(signed).toMatchObject({ outcome: 'ok', summary: 'Claims about Dana Demo (signed JWT).' });
    expect(row(signed, 'Signature')).toMatchObject({ verdict: 'ok', value: expect.stringContaining('RS256 signature verified with key kid') });
    // The keys the flow's ID token check fetched are the ones used: no second fetch of the JWKS.
    expect(jwt.trace.filter((e) => e.kind === 'note').at(-1)).toMatchObject({ message: expect.stringContaining('cached for this issuer') });
    expect(row(signed, 'iss')).toMatchObject({ verdict: 'ok' });
    expect(row(signed, 'aud')).toMatchObject({ verdict: 'ok' });
    expect(jwt.trace.filter((e) => e.kind === 'action_response').at(-1)).toMatchObject({ headers: { 'content-type': expect.stringContaining('application/jwt') } });

    // Without a JWKS URI the claims are shown, the signature said to be unchecked.
    const { flow: unchecked } = await act(t, signedFlow, { ...settings, jwksUri: '' }, secretOf(signedClient), { kind: 'userinfo' });
    expect(row(lastResult(unchecked), 'Signature')).toMatchObject({ verdict: 'warning', value: expect.stringContaining('not checked') });
  });

  it("warns when UserInfo's sub differs from the ID token's (OIDC Core 5.3.4)", async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    const settings = demoSettings(idp, client);
    const flow = await runFlow(t, idp, settings, secretOf(client));
    const otherIdToken = await new SignJWT({ sub: 'someone-else' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    const outcome = await fetchUserInfo({ settings, clientSecret: null, http: { now: () => new Date() } }, { ...flow.tokens!, idToken: otherIdToken });
    expect(outcome.result).toMatchObject({ outcome: 'warning', summary: expect.stringContaining('sub differs') });
    expect(row(outcome.result, 'sub check')).toMatchObject({ verdict: 'bad', value: expect.stringContaining('someone-else') });
  });

  it('signs out at the end-session endpoint and comes back to a loopback listener with the same state', async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    const settings = demoSettings(idp, client);
    const jar = new CookieJar();
    const flow = await runFlow(t, idp, settings, secretOf(client), jar);

    const { flow: waiting } = await act(t, flow, settings, secretOf(client), { kind: 'sign-out' });
    expect(lastResult(waiting)).toMatchObject({ kind: 'sign-out', outcome: 'pending' });
    const opened = t.launcher.opened.at(-1)!;
    const sent = new URL(opened.url);
    expect(sent.origin + sent.pathname).toBe(idp.endSessionEndpoint);
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({ id_token_hint: flow.tokens!.idToken, client_id: client.clientId, post_logout_redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/), state: expect.any(String) });

    const back = await confirmSignOut(opened.url, jar);
    expect(back.startsWith(sent.searchParams.get('post_logout_redirect_uri')!)).toBe(true);
    const page = await fetch(back);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Signed out');
    await vi.waitFor(() => expect(lastResult(t.core.lifecycle.snapshot(flow.flowId)!)).toMatchObject({ kind: 'sign-out', outcome: 'ok', summary: expect.stringContaining('same state') }));
    // Only the final word is kept, not the "waiting" one.
    expect(t.core.lifecycle.snapshot(flow.flowId)!.lifecycle!.results.filter((r) => r.kind === 'sign-out')).toHaveLength(1);
  });

  it('stops waiting for the IdP after a sign-out when the app shuts down, closing the listener', async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    const settings = demoSettings(idp, client);
    const flow = await runFlow(t, idp, settings, secretOf(client));
    await act(t, flow, settings, secretOf(client), { kind: 'sign-out' });
    const back = new URL(t.launcher.opened.at(-1)!.url).searchParams.get('post_logout_redirect_uri')!;
    await t.core.dispose();
    await expect(fetch(`${back}?state=late`)).rejects.toThrow();
  });

  it('puts each extra parameter where its Send as says, in the token and the refresh request', async () => {
    t = await startTestCore();
    const client = idp.clients.public;
    const rows = (prefix: string) => [
      { key: `${prefix}_query`, value: 'q', enabled: true, sendAs: 'query' as const },
      { key: `${prefix}_body`, value: 'b', enabled: true, sendAs: 'body' as const },
      { key: `${prefix}_header`, value: 'h', enabled: true, sendAs: 'header' as const },
      { key: `${prefix}_usual`, value: 'u', enabled: true },
    ];
    const settings = demoSettings(idp, client, { extraTokenParams: rows('tok'), extraRefreshParams: rows('ref') });
    const before = idp.tokenRequests.length;
    const flow = await runFlow(t, idp, settings, secretOf(client));
    await act(t, flow, settings, secretOf(client), { kind: 'refresh' });
    const [exchange, refresh] = idp.tokenRequests.slice(before);
    for (const [seen, prefix] of [[exchange, 'tok'], [refresh, 'ref']] as const) {
      expect(seen?.query).toEqual({ [`${prefix}_query`]: 'q' });
      expect(seen?.body).toMatchObject({ [`${prefix}_body`]: 'b', [`${prefix}_usual`]: 'u' });
      expect(seen?.body[`${prefix}_query`]).toBeUndefined();
      expect(seen?.body[`${prefix}_header`]).toBeUndefined();
      expect(seen?.headers[`${prefix}_header`]).toBe('h');
    }
    expect(refresh?.body.grant_type).toBe('refresh_token');
  });
});
