import { describe, expect, it } from 'vitest';
import type { FlowSnapshot } from '../../shared/flow-types';
import { deepFreeze } from '../../shared/deep-freeze';
import { defaultFlowSettings } from '../../shared/settings';
import { FlowRecord } from './flow-record';

const AT = new Date('2026-11-30T10:00:00Z');

function record(): FlowRecord {
  const snapshot: FlowSnapshot = {
    flowId: 'f1',
    profileId: null,
    tokenName: 'Token',
    status: 'awaiting-redirect',
    startedAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
    expiresAt: AT.toISOString(),
    mode: 'browser-loopback',
    authorizationUrl: 'https://idp.example/authorize',
    redirectUri: 'http://127.0.0.1:5000/callback',
    state: 's',
    openedBy: 'renderer',
    pkce: { method: 'plain', verifier: 'v', verifierBytesHex: '76', challenge: 'v', generated: false, warnings: [] },
    trace: [],
  };
  return new FlowRecord(snapshot, defaultFlowSettings(), 'v', null);
}

describe('FlowRecord copies', () => {
  it('keeps what was traced as it was, whatever the caller does with the object it passed afterwards', () => {
    const flow = record();
    const params: Record<string, string> = { code: 'abc', state: 's' };
    flow.trace({ kind: 'redirect', url: 'http://127.0.0.1:5000/callback?code=abc&state=s', source: 'loopback', params }, AT);
    params.code = 'changed';
    expect(flow.copy().trace[0]).toMatchObject({ params: { code: 'abc', state: 's' }, at: AT.toISOString() });
  });

  it('shares the frozen trace entries between copies, so no copy can change the flow or another copy', () => {
    const flow = record();
    flow.trace({ kind: 'redirect', url: 'http://127.0.0.1:5000/callback?code=abc', source: 'loopback', params: { code: 'abc' } }, AT);
    const first = flow.copy();
    const second = flow.copy();
    expect(second.trace[0]).toBe(first.trace[0]);
    const entry = first.trace[0] as Extract<FlowSnapshot['trace'][number], { kind: 'redirect' }>;
    expect(() => {
      entry.params.code = 'forged';
    }).toThrow(TypeError);
    expect(flow.copy().trace[0]).toMatchObject({ params: { code: 'abc' } });
  });

  it('gives each copy its own trace array and its own other parts', () => {
    const flow = record();
    const copy = flow.copy();
    copy.trace.push({ kind: 'note', at: AT.toISOString(), level: 'info', message: 'added to a copy' });
    copy.pkce.warnings.push({ code: 'empty', message: 'changed in a copy' });
    copy.status = 'done';
    flow.trace({ kind: 'note', level: 'info', message: 'added to the flow' }, AT);
    const after = flow.copy();
    expect(after.trace.map((e) => (e.kind === 'note' ? e.message : e.kind))).toEqual(['added to the flow']);
    expect(after.pkce.warnings).toEqual([]);
    expect(after.status).toBe('awaiting-redirect');
  });

  it('shares what is frozen and copies what is not', () => {
    const flow = record();
    flow.snapshot.pkce = deepFreeze(flow.snapshot.pkce);
    flow.snapshot.tokens = { receivedAt: AT.toISOString(), raw: { access_token: 'AT' }, accessToken: 'AT' };
    const before = flow.copy();
    expect(before.pkce).toBe(flow.snapshot.pkce);
    expect(before.tokens).not.toBe(flow.snapshot.tokens);
    before.tokens!.raw.access_token = 'changed in a copy';
    expect(flow.snapshot.tokens.raw).toEqual({ access_token: 'AT' });
    deepFreeze(flow.snapshot.tokens);
    expect(flow.copy().tokens).toBe(flow.snapshot.tokens);
  });
});
