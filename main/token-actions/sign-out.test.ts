// Sign-out in embedded mode through a launcher that has a sign-out window: what is sent, and how the
// IdP's return (or its absence) settles the result.
import { describe, expect, it } from 'vitest';
import type { FlowSnapshot } from '../../shared/flow-types';
import { defaultFlowSettings } from '../../shared/settings';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { signOut, type SignOutWindowHooks, type SignOutWindowLauncher, type SignOutWindowRequest } from './sign-out';

const CALLBACK = 'https://localhost/callback';

class WindowLauncher extends RecordingLauncher implements SignOutWindowLauncher {
  readonly signOuts: { request: SignOutWindowRequest; hooks: SignOutWindowHooks }[] = [];
  async openSignOut(request: SignOutWindowRequest, hooks: SignOutWindowHooks): Promise<void> {
    this.signOuts.push({ request, hooks });
    if (this.failWith) throw this.failWith;
  }
}

function embeddedFlow(): FlowSnapshot {
  const at = '2026-01-01T10:00:00.000Z';
  return {
    flowId: 'f1',
    profileId: null,
    tokenName: 'Token',
    status: 'done',
    startedAt: at,
    updatedAt: at,
    expiresAt: at,
    mode: 'embedded',
    authorizationUrl: 'https://idp.example/authorize?client_id=app',
    redirectUri: CALLBACK,
    state: 's',
    openedBy: 'app',
    pkce: { method: 'S256', verifier: 'v', verifierBytesHex: '76', challenge: 'c', generated: true, warnings: [] },
    trace: [],
    tokens: { receivedAt: at, raw: {}, accessToken: 'AT', idToken: 'ID.TOKEN.sig' },
  };
}

async function start(keepCookies = true) {
  const launcher = new WindowLauncher();
  const cleared: string[] = [];
  const settings = { ...defaultFlowSettings(), clientId: 'app', callbackUrl: CALLBACK, endSessionUrl: 'https://idp.example/logout', keepCookies };
  const started = await signOut({ settings, clientSecret: null, http: { now: () => new Date() } }, embeddedFlow(), { launcher, clearCookies: async () => void cleared.push('cleared') });
  const [opened] = launcher.signOuts;
  const sent = new URL(opened!.request.url);
  return { launcher, cleared, started, opened: opened!, sent, state: sent.searchParams.get('state')! };
}

describe('signOut in embedded mode with a sign-out window', () => {
  it('opens the end-session URL in the window with the Callback URL as post_logout_redirect_uri, and waits', async () => {
    const { launcher, cleared, started, opened, sent, state } = await start();
    expect(launcher.signOuts).toHaveLength(1);
    expect(launcher.opened).toEqual([]); // not through the sign-in launch
    expect(opened.request).toMatchObject({ callbackUrl: CALLBACK, keepCookies: true, id: `sign-out-${state}` });
    expect(Object.fromEntries(sent.searchParams)).toEqual({ id_token_hint: 'ID.TOKEN.sig', client_id: 'app', post_logout_redirect_uri: CALLBACK, state: expect.stringMatching(/.{16,}/) });
    expect(cleared).toEqual([]); // the IdP must still see its session cookie in the window
    expect(started.result).toMatchObject({ outcome: 'pending', summary: expect.stringContaining(`back to ${CALLBACK}`) });
    expect(started.result.rows.map((r) => r.name)).not.toContain('post_logout_redirect_uri');
    started.stop!();
    await started.returned;
  });

  it('settles ok when the window comes back with the same state, without closing it again, then clears the kept cookies', async () => {
    const { launcher, cleared, started, opened, state } = await start();
    opened.hooks.onReturn(`${CALLBACK}?state=${state}`);
    const { trace, result } = await started.returned!;
    expect(result).toMatchObject({ outcome: 'ok', summary: expect.stringContaining('same state') });
    expect(result.rows).toEqual(expect.arrayContaining([{ name: 'Returned to', value: CALLBACK, verdict: 'ok' }, { name: 'state', value: 'matches', verdict: 'ok' }, { name: 'Embedded window cookies', value: 'cleared', verdict: 'ok' }]));
    expect(cleared).toEqual(['cleared']);
    expect(trace).toEqual([expect.objectContaining({ kind: 'redirect', source: 'embedded', params: { state } })]);
    expect(launcher.closed).toEqual([]); // the window closed itself on the return
  });

  it('settles with a warning when the state differs or is missing', async () => {
    for (const query of ['?state=other', '']) {
      const { started, opened, state } = await start();
      opened.hooks.onReturn(`${CALLBACK}${query}`);
      const { result } = await started.returned!;
      expect(result, query).toMatchObject({ outcome: 'warning', summary: expect.stringContaining(query ? 'a different state' : 'no state') });
      expect(result.rows, query).toContainEqual({ name: 'state', value: `sent ${state}, got ${query ? 'other' : 'none'}`, verdict: 'bad' });
    }
  });

  it('fails when the user closes the window first, and closes the window when the app stops waiting', async () => {
    const closedByUser = await start();
    closedByUser.opened.hooks.onClosedByUser();
    expect((await closedByUser.started.returned!).result).toMatchObject({ outcome: 'failed', summary: expect.stringContaining('window was closed') });
    expect(closedByUser.launcher.closed).toEqual([]);
    expect(closedByUser.cleared).toEqual(['cleared']);

    const stopped = await start(false);
    stopped.started.stop!();
    expect((await stopped.started.returned!).result).toMatchObject({ outcome: 'failed' });
    expect(stopped.launcher.closed).toEqual([`sign-out-${stopped.state}`]);
  });

  it('fails with the reason when the window cannot open, and still clears the kept cookies', async () => {
    const launcher = new WindowLauncher();
    launcher.failWith = new Error('net::ERR_NAME_NOT_RESOLVED while loading https://idp.example');
    const cleared: string[] = [];
    const settings = { ...defaultFlowSettings(), clientId: 'app', callbackUrl: CALLBACK, endSessionUrl: 'https://idp.example/logout', keepCookies: true };
    const starting = signOut({ settings, clientSecret: null, http: { now: () => new Date() } }, embeddedFlow(), { launcher, clearCookies: async () => void cleared.push('cleared') });
    await expect(starting).rejects.toThrow(/sign-out page could not be opened: net::ERR_NAME_NOT_RESOLVED/);
    expect(cleared).toEqual(['cleared']);
  });
});
