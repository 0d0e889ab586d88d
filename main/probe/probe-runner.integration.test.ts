// The PKCE enforcement probe, run for real: against oidc-provider 9 (strict) every case passes or is
// the documented `info`; against a lax IdP (test-support/lax-idp.ts) the matching cases fail.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoIdp, type DemoIdp } from '../../demo-idp/provider';
import type { ProbeSnapshot } from '../../shared/probe-types';
import { defaultFlowSettings, type FlowSettings } from '../../shared/settings';
import { FlowEngine } from '../flow/flow-engine';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { ProbeRunner } from './probe-runner';
import { AutoSignInLauncher } from './test-support/auto-sign-in';
import { startLaxIdp, type LaxIdp } from './test-support/lax-idp';

let idp: DemoIdp;
let lax: LaxIdp;
beforeAll(async () => {
  [idp, lax] = await Promise.all([startDemoIdp({ port: 0 }), startLaxIdp()]);
});
afterAll(async () => {
  await Promise.all([idp?.close(), lax?.close()]);
});
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function runProbe(settings: FlowSettings, clientSecret: string | null, user: { login: string; password: string; issuer: string }) {
  const launcher = new AutoSignInLauncher(user);
  const updates: ProbeSnapshot[] = [];
  // The engine calls onUpdate only once a flow runs, after the runner exists.
  const engine: FlowEngine = new FlowEngine({ launcher, onUpdate: (flow) => runner.onFlowUpdate(flow) });
  const runner = new ProbeRunner({ engine, emit: (s) => updates.push(s), revocation: { http: { now: () => new Date() } } });
  cleanups.push(async () => {
    await launcher.idle();
    await engine.dispose();
  });
  const started = runner.start({ settings, profileId: null, clientSecret });
  expect(started.status).toBe('running');
  await runner.settled();
  const report = runner.get()!;
  return { report, updates, launcher, verdicts: Object.fromEntries(report.cases.map((c) => [c.id, c.verdict])) };
}

const demoSettings = (overrides: Partial<FlowSettings> = {}): FlowSettings => ({
  ...defaultFlowSettings(),
  issuer: idp.issuer,
  authUrl: idp.authorizationEndpoint,
  accessTokenUrl: idp.tokenEndpoint,
  clientId: idp.clients.public.clientId,
  scope: 'openid profile',
  ...overrides,
});

describe('PKCE enforcement probe × oidc-provider 9 (strict)', () => {
  it('every case passes, or is the documented info; the progress line names each case', async () => {
    const metadata = { source: `${idp.issuer}/.well-known/openid-configuration`, fetchedAt: new Date().toISOString(), metadata: { issuer: idp.issuer, code_challenge_methods_supported: ['S256'], userinfo_endpoint: `${idp.issuer}/me` } };
    const { report, updates, verdicts } = await runProbe(demoSettings({ metadata }), null, { login: idp.user.login, password: idp.user.password, issuer: idp.issuer });
    expect(report.status).toBe('done');
    expect(verdicts).toEqual({ '1': 'pass', '2': 'pass', '3': 'pass', '4': 'pass', '5': 'pass', '6': 'pass', '7': 'pass', '7b': 'info', '8': 'pass', '9': 'pass', '9b': 'info', '10a': 'pass', '10b': 'pass', '10c': 'pass' });
    const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]));
    expect(byId['2']?.observed).toMatchObject({ httpStatus: 400, error: 'invalid_grant' });
    expect(byId['9b']?.reason).toMatch(/^Present: /);
    expect(byId['7b']?.reason).toMatch(/^Revoked after the replay \(UserInfo/);
    expect(updates.some((u) => /^Case 2 \(of 1–10\): Wrong verifier\. Expected: Refused/.test(u.progress))).toBe(true);
    expect(report.flows.length).toBe(11);
    for (const c of report.cases) expect(c.flowId).toBeTruthy();
  });
});

describe('PKCE enforcement probe × oidc-provider 9 with Use PAR', () => {
  it('every case runs through pushed requests: the downgrades are refused at the PAR endpoint, nothing is opened for them', async () => {
    const metadata = { source: `${idp.issuer}/.well-known/openid-configuration`, fetchedAt: new Date().toISOString(), metadata: { issuer: idp.issuer, code_challenge_methods_supported: ['S256'], pushed_authorization_request_endpoint: `${idp.issuer}/request`, userinfo_endpoint: `${idp.issuer}/me` } };
    const { report, verdicts, launcher } = await runProbe(demoSettings({ metadata, usePar: true }), null, { login: idp.user.login, password: idp.user.password, issuer: idp.issuer });
    expect(report.status).toBe('done');
    expect(verdicts).toMatchObject({ '1': 'pass', '2': 'pass', '3': 'pass', '4': 'pass', '5': 'pass', '6': 'pass', '8': 'pass' });
    const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]));
    expect(byId['4']?.reason).toBe('Refused at the PAR endpoint (invalid_request): no code was issued.');
    const pushed = report.flows.find((f) => f.flowId === byId['4']?.flowId)!;
    expect(pushed.trace.find((t) => t.kind === 'par_request')).toMatchObject({ bodyParams: expect.not.arrayContaining([['code_challenge', expect.any(String)]]) });
    // Every URL a case opened carries a request_uri, never the parameters themselves.
    for (const opened of launcher.opened) expect([...new URL(opened.url).searchParams.keys()]).toEqual(['client_id', 'request_uri']);
    expect(launcher.opened.length).toBe(report.flows.filter((f) => f.error?.kind !== 'par_failed').length);
  });
});

describe('PKCE enforcement probe × a lax IdP', () => {
  it('the cases it gets wrong fail; the looser-than-RFC verifiers are info', async () => {
    const settings = {
      ...defaultFlowSettings(),
      authUrl: lax.authorizationEndpoint,
      accessTokenUrl: lax.tokenEndpoint,
      clientId: lax.clientId,
      scope: 'api',
      metadata: { source: lax.issuer, fetchedAt: new Date().toISOString(), metadata: { issuer: lax.issuer, code_challenge_methods_supported: ['S256'] } },
    };
    const { report, verdicts } = await runProbe(settings, null, { login: '', password: '', issuer: lax.issuer });
    expect(report.status).toBe('done');
    expect(verdicts).toEqual({ '1': 'pass', '2': 'fail', '3': 'fail', '4': 'fail', '5': 'fail', '6': 'fail', '7': 'fail', '7b': 'info', '8': 'fail', '9': 'pass', '9b': 'info', '10a': 'info', '10b': 'info', '10c': 'info' });
    const requests = lax.tokenRequests;
    // Case 3 sent no verifier; case 8 another redirect_uri.
    expect(requests.some((p) => !p.has('code_verifier'))).toBe(true);
    expect(requests.some((p) => p.get('redirect_uri')?.endsWith('/probe-mismatch'))).toBe(true);
  });

  it('a control case without tokens leaves the others not run', async () => {
    const settings = { ...defaultFlowSettings(), authUrl: lax.authorizationEndpoint, accessTokenUrl: `${lax.issuer}/nowhere`, clientId: lax.clientId, scope: 'api' };
    const { report, verdicts } = await runProbe(settings, null, { login: '', password: '', issuer: lax.issuer });
    expect(verdicts['1']).toBe('fail');
    expect(Object.entries(verdicts).filter(([id]) => id !== '1').every(([, v]) => v === 'not run')).toBe(true);
    expect(report.flows).toHaveLength(1);
  });

  it('Cancel stops the run while a case waits for its sign-in: its flow is cancelled, the rest not run', async () => {
    const launcher = new RecordingLauncher();
    const updates: ProbeSnapshot[] = [];
    const engine: FlowEngine = new FlowEngine({ launcher, onUpdate: (flow) => runner.onFlowUpdate(flow) });
    const runner = new ProbeRunner({ engine, emit: (s) => updates.push(s) });
    cleanups.push(() => engine.dispose());
    const settings = { ...defaultFlowSettings(), authUrl: lax.authorizationEndpoint, accessTokenUrl: lax.tokenEndpoint, clientId: lax.clientId, scope: 'api' };
    const started = runner.start({ settings, profileId: null, clientSecret: null });
    expect(() => runner.start({ settings, profileId: null, clientSecret: null })).toThrow(/already running/);
    await vi.waitFor(() => expect(runner.get()?.current).toBeDefined());
    const flowId = runner.get()!.current!.flowId;
    const cancelled = runner.cancel(started.probeId);
    await runner.settled();
    expect(cancelled.status).toBe('cancelled');
    expect(runner.get()!.cases.every((c) => c.verdict === 'not run')).toBe(true);
    expect(engine.get(flowId)?.status).toBe('cancelled');
    expect(launcher.opened).toHaveLength(1);
  });
});
