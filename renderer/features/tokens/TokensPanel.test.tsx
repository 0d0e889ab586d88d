import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { base64UrlEncode, utf8Bytes } from '../../../shared/encoding';
import type { TokenResult } from '../../../shared/flow-types';
import { setApiForTests } from '../../api';
import { useFlowsStore } from '../../store/flows-store';
import { useProfilesStore } from '../../store/profiles-store';
import { useUiStore } from '../../store/ui-store';
import { appInfo, createFakeApi, snapshot } from '../../test/fake-api';
import { resetStores } from '../../test/reset-stores';
import { formatTimeLeft } from './expiry';
import { TokensPanel } from './TokensPanel';

const RECEIVED = '2026-03-01T12:00:00.000Z';
const receivedSec = Date.parse(RECEIVED) / 1000;
const part = (o: object) => base64UrlEncode(utf8Bytes(JSON.stringify(o)));
const jwt = (payload: object) => `${part({ alg: 'RS256', typ: 'JWT', kid: 'key-1' })}.${part(payload)}.c2lnbmF0dXJl`;

function addFlow(tokens: Partial<TokenResult>, overrides: Parameters<typeof snapshot>[0] = {}) {
  useFlowsStore.getState().upsert(snapshot({ status: 'done', tokens: { receivedAt: RECEIVED, raw: { token_type: 'Bearer' }, ...tokens }, ...overrides }));
}

beforeEach(() => {
  setApiForTests(createFakeApi());
  resetStores(appInfo());
});
afterEach(() => {
  vi.useRealTimers();
  setApiForTests(null);
});

describe('formatTimeLeft', () => {
  it('counts down as m:ss or h:mm:ss and says how long ago it expired', () => {
    const at = 10_000_000;
    expect(formatTimeLeft(at, at - 3552_000)).toBe('59:12 left');
    expect(formatTimeLeft(at, at - 3723_000)).toBe('1:02:03 left');
    expect(formatTimeLeft(at, at + 20_000)).toBe('expired 20 s ago');
    expect(formatTimeLeft(at, at + 185_000)).toBe('expired 3 min ago');
    expect(formatTimeLeft(at, at + 7_200_000)).toBe('expired 2 h ago');
  });
});

describe('TokensPanel', () => {
  it('marks entries whose tokens are sender-constrained, with the reason as the title', () => {
    const row = (name: 'Token type' | 'Key binding (cnf.jkt)', verdict: 'pass' | 'fail' | 'not checked', reason: string) => ({ name, verdict, reason });
    addFlow({ accessToken: 'a1', dpop: { thumbprint: 'tp', rows: [row('Token type', 'pass', 'token_type DPoP'), row('Key binding (cnf.jkt)', 'pass', 'cnf.jkt is the key')] } }, { flowId: 'bound', tokenName: 'Bound' });
    addFlow({ accessToken: 'a2', dpop: { thumbprint: 'tp', rows: [row('Token type', 'fail', 'token_type came back Bearer'), row('Key binding (cnf.jkt)', 'not checked', 'opaque')] } }, { flowId: 'ignored', tokenName: 'Ignored' });
    addFlow(
      { accessToken: 'a3', validation: { accessToken: { informational: true, rows: [{ name: 'Certificate binding (cnf x5t#S256)', verdict: 'not checked', reason: 'the access token is opaque: Introspect it' }] } } },
      { flowId: 'mtls', tokenName: 'Mtls' },
    );
    addFlow({ accessToken: 'a4' }, { flowId: 'plain', tokenName: 'Plain' });
    addFlow({ accessToken: 'a5', dpop: { thumbprint: 'tp', rows: [row('Token type', 'pass', 'token_type DPoP'), row('Key binding (cnf.jkt)', 'not checked', 'opaque: press Introspect')] } }, { flowId: 'opaque', tokenName: 'Opaque' });
    render(<TokensPanel />);
    const entry = (name: string) => within(screen.getByRole('list', { name: 'Tokens of this session' })).getByRole('button', { name: new RegExp(`^${name}`) });
    expect(within(entry('Bound')).getByText('DPoP-bound')).toHaveClass('badge-ok');
    expect(within(entry('Ignored')).getByText('DPoP not bound')).toHaveAttribute('title', 'token_type came back Bearer');
    expect(within(entry('Ignored')).getByText('DPoP not bound')).toHaveClass('badge-bad');
    expect(within(entry('Mtls')).getByText('Certificate binding unchecked')).toHaveAttribute('title', expect.stringContaining('Introspect'));
    expect(within(entry('Opaque')).getByText('DPoP-bound, key unchecked')).not.toHaveClass('badge-ok');
    expect(within(entry('Plain')).queryByText(/DPoP|ertificate/)).not.toBeInTheDocument();
  });

  it('decodes JWTs: header and payload JSON, time claims as dates', () => {
    const idToken = jwt({ sub: 'alice', aud: 'my-client', iat: receivedSec, exp: receivedSec + 3600, nonce: 'n-1' });
    addFlow({ accessToken: 'opaque', idToken });
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: Date.parse(RECEIVED) + 1000 });
    render(<TokensPanel />);
    const idSection = screen.getByText('ID Token').closest('.token-value') as HTMLElement;
    expect(within(idSection).getByLabelText('JWT header')).toHaveTextContent('"kid": "key-1"');
    const payload = within(idSection).getByLabelText('JWT payload');
    expect(JSON.parse(payload.textContent ?? '')).toEqual({ sub: 'alice', aud: 'my-client', iat: receivedSec, exp: receivedSec + 3600, nonce: 'n-1' });
    expect(within(idSection).getByText('exp').nextElementSibling?.querySelector('time')).toHaveAttribute('dateTime', new Date((receivedSec + 3600) * 1000).toISOString());
    expect(within(idSection).queryByText('Expired')).not.toBeInTheDocument();
  });

  it('says calmly why an opaque access token is not decoded', () => {
    addFlow({ accessToken: 'SlAV32hkKG' });
    render(<TokensPanel />);
    expect(screen.getByText(/Not a JWT: it has 1 part where a JWS has 3 \(an opaque token, perhaps\)/)).toBeInTheDocument();
  });

  it('flags an expired JWT', () => {
    addFlow({ accessToken: jwt({ sub: 'alice', exp: receivedSec - 60 }) });
    render(<TokensPanel />);
    expect(screen.getByText('Expired')).toBeInTheDocument();
  });

  it('counts Expires In down live', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: Date.parse(RECEIVED) + 1000 });
    addFlow({ accessToken: 'opaque', expiresIn: 3600 });
    render(<TokensPanel />);
    expect(screen.getByText('59:59 left')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(47_000));
    expect(screen.getByText('59:12 left')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(3_732_000)); // to 3 min past expiry
    expect(screen.getByText('expired 3 min ago')).toBeInTheDocument();
  });

  it('copies each value and says Copied', async () => {
    addFlow({ accessToken: 'at-value', refreshToken: 'rt-value', tokenType: 'Bearer', scope: 'openid profile', expiresIn: 300 });
    const user = userEvent.setup({ delay: null });
    // user-event installs its own clipboard on setup; replace it after, to see what was written.
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<TokensPanel />);
    await user.click(screen.getByRole('button', { name: 'Copy Access Token' }));
    expect(writeText).toHaveBeenLastCalledWith('at-value');
    expect(screen.getByRole('button', { name: 'Copy Access Token' })).toHaveTextContent('Copied');
    await user.click(screen.getByRole('button', { name: 'Copy Refresh Token' }));
    expect(writeText).toHaveBeenLastCalledWith('rt-value');
    await user.click(screen.getByRole('button', { name: 'Copy Scope' }));
    expect(writeText).toHaveBeenLastCalledWith('openid profile');
    await user.click(screen.getByRole('button', { name: 'Copy Token Type' }));
    expect(writeText).toHaveBeenLastCalledWith('Bearer');

    writeText.mockRejectedValueOnce(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copy Expires In' }));
    // The clipboard's refusal arrives as a rejected promise: wait for it rather than race it.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copy Expires In' })).toHaveTextContent('Copy failed'));
  });

  it('lists the session’s tokens newest first with name, profile and time; selecting shows that one', async () => {
    useProfilesStore.setState({ profiles: [{ id: 'p1', name: 'Entra dev', updatedAt: RECEIVED, revision: 1, hasSecret: false }] });
    addFlow({ accessToken: 'first-token' }, { flowId: 'a', tokenName: 'First', startedAt: '2026-03-01T11:00:00.000Z', profileId: 'p1' });
    addFlow({ accessToken: 'second-token' }, { flowId: 'b', tokenName: 'Second', startedAt: '2026-03-01T11:30:00.000Z' });
    useFlowsStore.getState().upsert(snapshot({ flowId: 'c', status: 'failed' }));
    const user = userEvent.setup({ delay: null });
    render(<TokensPanel />);
    const items = within(screen.getByRole('list', { name: 'Tokens of this session' })).getAllByRole('button');
    expect(items.map((b) => b.textContent)).toEqual([expect.stringMatching(/^Second.*unsaved settings/), expect.stringMatching(/^First.*Entra dev/)]);
    expect(screen.getByText('second-token')).toBeInTheDocument();
    await user.click(items[1] as HTMLElement);
    expect(screen.getByText('first-token')).toBeInTheDocument();
    expect(screen.getByLabelText('Raw token response')).toHaveTextContent('"token_type": "Bearer"');
  });

  it('says so when the token response has an empty scope, or none', () => {
    addFlow({ accessToken: 'a', scope: '' }, { flowId: 'a' });
    const { unmount } = render(<TokensPanel />);
    expect(screen.getByText('empty: the IdP granted no scope for this access token')).toBeInTheDocument();
    unmount();
    addFlow({ accessToken: 'b' }, { flowId: 'b', startedAt: '2026-03-01T13:00:00.000Z' });
    act(() => useUiStore.getState().selectFlow('b'));
    render(<TokensPanel />);
    expect(screen.getByText('not given (the requested scope applies)')).toBeInTheDocument();
  });

  it('shows no other flow’s tokens while the selected flow has none (failed, or still waiting)', async () => {
    addFlow({ accessToken: 'earlier-token' }, { flowId: 'a', tokenName: 'Earlier' });
    useFlowsStore.getState().upsert(snapshot({ flowId: 'c', tokenName: 'Wrong secret', status: 'failed' }));
    act(() => useUiStore.getState().selectFlow('c'));
    const user = userEvent.setup({ delay: null });
    render(<TokensPanel />);
    expect(screen.queryByText('earlier-token')).not.toBeInTheDocument();
    expect(screen.getByText(/“Wrong secret” got no tokens/)).toBeInTheDocument();
    expect(screen.getByText(/the status above says why/)).toBeInTheDocument();
    // The status word is the badge's alone.
    expect(screen.queryByText(/failed/i)).not.toBeInTheDocument();
    act(() => useFlowsStore.getState().upsert(snapshot({ flowId: 'd', tokenName: 'Next', status: 'awaiting-redirect' })));
    act(() => useUiStore.getState().selectFlow('d'));
    expect(screen.getByText(/“Next” has no tokens yet/)).toBeInTheDocument();
    await user.click(within(screen.getByRole('list', { name: 'Tokens of this session' })).getByRole('button'));
    expect(screen.getByText('earlier-token')).toBeInTheDocument();
  });

  it('with nothing selected (after a reload) it is about the newest flow, even one without tokens', () => {
    addFlow({ accessToken: 'older-token' }, { flowId: 'a', tokenName: 'Older', startedAt: '2026-03-01T11:00:00.000Z' });
    useFlowsStore.getState().upsert(snapshot({ flowId: 'n', tokenName: 'Newest', status: 'failed', startedAt: '2026-03-01T12:00:00.000Z' }));
    render(<TokensPanel />);
    expect(screen.queryByText('older-token')).not.toBeInTheDocument();
    expect(screen.getByText(/“Newest” got no tokens/)).toBeInTheDocument();
    expect(screen.getByText(/Pick one of this session’s tokens above/)).toBeInTheDocument();
  });
});
