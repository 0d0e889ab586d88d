import { describe, expect, it } from 'vitest';
import { RedirectRouter } from './redirect-router';

const CALLBACK = 'http://127.0.0.1:5000/callback';

function routerWith(state = 'state-abc-123456789'): RedirectRouter {
  const router = new RedirectRouter();
  router.register('flow-1', state, CALLBACK);
  return router;
}

describe('RedirectRouter', () => {
  it('accepts the callback with a pending state, once', () => {
    const router = routerWith();
    const url = `${CALLBACK}?code=abc&state=state-abc-123456789`;
    const first = router.route(url);
    expect(first).toMatchObject({ ok: true, flowId: 'flow-1', redirect: { code: 'abc', state: 'state-abc-123456789' } });
    const replay = router.route(url);
    expect(replay).toMatchObject({ ok: false, suspicious: 'reused-state', reason: expect.stringContaining('already received its redirect') });
    expect(router.hasPending('state-abc-123456789')).toBe(false);
  });

  it('accepts an error redirect as the end of the flow', () => {
    const router = routerWith('s1-xxxxxxxx');
    expect(router.route(`${CALLBACK}?error=access_denied&state=s1-xxxxxxxx`)).toMatchObject({ ok: true, redirect: { error: 'access_denied' } });
  });

  it('refuses an unknown state', () => {
    const router = routerWith();
    expect(router.route(`${CALLBACK}?code=abc&state=forged`)).toMatchObject({ ok: false, suspicious: 'unknown-state', reason: expect.stringContaining('No flow is waiting') });
    expect(router.hasPending('state-abc-123456789')).toBe(true);
  });

  it('refuses a redirect that is not UTF-8 once percent-decoded, and leaves the flow pending', () => {
    const router = routerWith();
    const decision = router.route(`${CALLBACK}?code=abc%FF&state=state-abc-123456789`);
    expect(decision).toMatchObject({ ok: false, suspicious: 'not-utf8', reason: expect.stringContaining('not valid UTF-8') });
    expect(router.hasPending('state-abc-123456789')).toBe(true);
    expect(router.route(`${CALLBACK}?code=abc&state=state-abc-123456789`)).toMatchObject({ ok: true });
  });

  it('refuses a redirect without state', () => {
    expect(routerWith().route(`${CALLBACK}?code=abc`)).toMatchObject({ ok: false, suspicious: 'unknown-state', reason: expect.stringContaining('no state') });
  });

  it('refuses a URL that is not a final redirect, quietly', () => {
    const router = routerWith();
    expect(router.route(`${CALLBACK}?state=state-abc-123456789`)).toMatchObject({ ok: false, suspicious: null });
    expect(router.route('not a url')).toMatchObject({ ok: false, suspicious: null });
    expect(router.hasPending('state-abc-123456789')).toBe(true);
  });

  it('refuses the right state at the wrong callback and keeps the flow waiting', () => {
    const router = routerWith();
    for (const url of ['http://127.0.0.1:5001/callback', 'http://127.0.0.1:5000/other', 'https://127.0.0.1:5000/callback', 'http://localhost:5000/callback']) {
      expect(router.route(`${url}?code=abc&state=state-abc-123456789`)).toMatchObject({ ok: false, suspicious: 'wrong-callback', reason: expect.stringContaining('expects http://127.0.0.1:5000/callback') });
    }
    expect(router.route(`${CALLBACK}?code=abc&state=state-abc-123456789`).ok).toBe(true);
  });

  it('accepts parameters in the fragment too', () => {
    expect(routerWith('frag-state-1').route(`${CALLBACK}#code=abc&state=frag-state-1`)).toMatchObject({ ok: true, redirect: { code: 'abc' } });
  });

  it('says why a retired state is refused', () => {
    const router = routerWith();
    router.retire('flow-1', 'was cancelled');
    expect(router.route(`${CALLBACK}?code=abc&state=state-abc-123456789`)).toMatchObject({ ok: false, reason: expect.stringContaining('was cancelled') });
  });

  it('refuses to register a state twice, and lets a spent state be reused by a new flow', () => {
    const router = routerWith('fixed-state');
    expect(() => router.register('flow-2', 'fixed-state', CALLBACK)).toThrow();
    router.retire('flow-1', 'has expired');
    router.register('flow-2', 'fixed-state', CALLBACK);
    expect(router.route(`${CALLBACK}?code=abc&state=fixed-state`)).toMatchObject({ ok: true, flowId: 'flow-2' });
  });
});
