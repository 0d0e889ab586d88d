import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowSnapshot } from '../../../shared/flow-types';
import { ProbeReportSchema, type ProbeCaseResult, type ProbeSnapshot } from '../../../shared/probe-types';
import { useFlowsStore } from '../../store/flows-store';
import { probeSnapshot, snapshot } from '../../test/fake-api';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { ExchangePanel } from './ExchangePanel';
import { probeMarkdown, probeReport } from './probe-report';
import { useProbeStore } from './probe-store';
import { ProbeButton } from './ProbeButton';
import { ProbePanel } from './ProbePanel';

const CODE = 'SplxlOBeZQQYbYS6WxSbIA';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const ACCESS = 'opaque-access-token-value-123';

const caseFlow: FlowSnapshot = snapshot({
  flowId: 'case-1',
  status: 'done',
  pkce: { method: 'S256', verifier: VERIFIER, verifierBytesHex: '64426a', challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', generated: true, warnings: [] },
  trace: [
    { kind: 'redirect', at: '2026-01-01T10:00:05.000Z', url: `http://127.0.0.1:53682/callback?code=${CODE}&state=st`, source: 'loopback', params: { code: CODE, state: 'st' } },
    {
      kind: 'token_request',
      at: '2026-01-01T10:00:05.100Z',
      url: 'https://idp.example/token',
      method: 'POST',
      headers: {},
      body: `grant_type=authorization_code&code=${CODE}&code_verifier=${VERIFIER}`,
      bodyParams: [
        ['grant_type', 'authorization_code'],
        ['code', CODE],
        ['code_verifier', VERIFIER],
      ],
      clientAuth: 'none',
      clientId: 'app',
    },
    { kind: 'token_response', at: '2026-01-01T10:00:05.300Z', status: 200, statusText: 'OK', headers: {}, body: JSON.stringify({ access_token: ACCESS, token_type: 'Bearer' }), truncated: false, durationMs: 20 },
  ],
});

const CASES: ProbeCaseResult[] = [
  { id: '1', title: 'Correct verifier (control)', expectation: 'Tokens are issued.', rfc: 'RFC 7636 4.5', verdict: 'pass', observed: { summary: 'HTTP 200, tokens issued', httpStatus: 200 }, reason: 'Tokens issued.', flowId: 'case-1' },
  { id: '2', title: 'Wrong verifier', expectation: 'Refused (invalid_grant).', rfc: 'RFC 7636 4.6', verdict: 'fail', observed: { summary: 'HTTP 200, tokens issued', httpStatus: 200 }, reason: 'The IdP issued tokens | twice.' },
  { id: '10a', title: 'Verifier of 42 characters', expectation: 'Refused; accepted is info.', rfc: 'RFC 7636 4.1', verdict: 'info', observed: { summary: 'HTTP 400, invalid_request', httpStatus: 400, error: 'invalid_request', errorDescription: 'code_verifier too short' } },
  { id: '10b', title: 'Verifier of 129 characters', expectation: 'Refused.', rfc: 'RFC 7636 4.1', verdict: 'not run', reason: 'Cancelled.' },
];

const finished = (overrides: Partial<ProbeSnapshot> = {}) => probeSnapshot({ status: 'done', progress: 'Done.', cases: CASES, flows: [caseFlow], ...overrides });

const api = fakeApiPerTest();
beforeEach(() => {
  useProbeStore.setState({ probe: null, opened: new Set() });
});

describe('probe report exports', () => {
  it('JSON follows the schema, with the IdP, client, date, verdict counts and masked traces', () => {
    const report = probeReport(finished(), new Date('2026-01-01T11:00:00Z'));
    const parsed = ProbeReportSchema.parse(JSON.parse(JSON.stringify(report)));
    expect(parsed.summary).toEqual({ pass: 1, fail: 1, info: 1, 'not run': 1 });
    expect(parsed.idp.issuer).toBe('https://idp.example');
    expect(parsed.client).toEqual({ clientId: 'app', type: 'public', authorizeMode: 'browser-loopback' });
    expect(parsed.cases[0]?.trace).toHaveLength(3);
    const text = JSON.stringify(report);
    for (const secret of [CODE, VERIFIER, ACCESS]) expect(text).not.toContain(secret);
    expect(text).toContain('grant_type=authorization_code');
  });

  it('the schema refuses a report with an unknown verdict or a missing trace', () => {
    const report = probeReport(finished());
    expect(ProbeReportSchema.safeParse({ ...report, cases: [{ ...report.cases[0], verdict: 'ok' }] }).success).toBe(false);
    const { trace: _trace, ...noTrace } = report.cases[0]!;
    expect(ProbeReportSchema.safeParse({ ...report, cases: [noTrace] }).success).toBe(false);
  });

  it('Markdown: a table row per case, verdict words as code, pipes escaped, secrets masked', () => {
    const md = probeMarkdown(probeReport(finished()));
    expect(md).toContain('| # | Case | Expected | What happened | Verdict | RFC |');
    expect(md).toMatch(/\| 2 \| Wrong verifier \| .* \| `fail` \| RFC 7636 4.6 \|/);
    expect(md).toContain('The IdP issued tokens \\| twice.');
    expect(md).toContain('HTTP 400, invalid_request: code_verifier too short');
    expect(md).toContain('### Case 1: Correct verifier (control)');
    for (const secret of [CODE, VERIFIER, ACCESS]) expect(md).not.toContain(secret);
  });
});

describe('ProbePanel and ProbeButton', () => {
  it('starts a run with the form settings and the secret choice; the button is off while it runs', async () => {
    const user = userEvent.setup({ delay: null });
    render(<ProbeButton onError={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Test PKCE enforcement' }));
    expect(api.startProbe).toHaveBeenCalledWith(expect.objectContaining({ profileId: null, clientSecret: { source: 'none' } }));
    expect(screen.getByRole('button', { name: 'Test PKCE enforcement' })).toBeDisabled();
  });

  it('shows the progress line with the sign-in link, then the table with each verdict, and exports', async () => {
    const user = userEvent.setup({ delay: null });
    render(<ProbePanel error={null} />);
    act(() => api.emit('probeUpdated', probeSnapshot({ progress: 'Case 2 (of 1–10): Wrong verifier. Expected: Refused.', current: { flowId: 'f2', authorizationUrl: 'https://idp.example/authorize?x=1', openedBy: 'app' }, cases: CASES.map((c) => ({ ...c, verdict: 'pending' })) })));
    expect(screen.getByRole('status')).toHaveTextContent('Case 2 (of 1–10): Wrong verifier');
    expect(screen.getByRole('link', { name: 'Open the sign-in page' })).toHaveAttribute('href', 'https://idp.example/authorize?x=1');
    expect(screen.queryByRole('button', { name: 'Markdown' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancelProbe).toHaveBeenCalledWith({ probeId: 'probe-1' });

    act(() => api.emit('probeUpdated', finished()));
    const rows = within(screen.getByRole('table', { name: 'PKCE enforcement cases' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[2]?.textContent)).toEqual(['pass', 'fail', 'info', 'not run']);
    expect(rows[2]).toHaveTextContent('HTTP 400, invalid_request: code_verifier too short');

    const created: Blob[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (created.push(blob as Blob), 'blob:x'));
    await user.click(screen.getByRole('button', { name: 'Markdown' }));
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    expect(created.map((b) => b.type)).toEqual(['text/markdown', 'application/json']);
  });

  it('browser mode: opens each case flow sign-in once', () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const running = probeSnapshot({ current: { flowId: 'f1', authorizationUrl: 'https://idp.example/a', openedBy: 'renderer' } });
    useProbeStore.getState().update(running);
    useProbeStore.getState().update(running);
    useProbeStore.getState().update(probeSnapshot({ current: { flowId: 'f2', authorizationUrl: 'https://idp.example/b', openedBy: 'renderer' } }));
    expect(open.mock.calls.map((c) => c[0])).toEqual(['https://idp.example/a', 'https://idp.example/b']);
  });
});

describe('ExchangePanel (Pause before token request)', () => {
  const draft = { code: CODE, codeVerifier: VERIFIER, redirectUri: 'http://127.0.0.1:53682/callback', clientId: 'app', extraParams: [{ key: 'resource', value: 'https://api', enabled: true }] };

  it('shows the token request editable; Exchange sends the edited one and names what changed', async () => {
    const user = userEvent.setup({ delay: null });
    const flow = snapshot({ status: 'ready-to-exchange', exchange: { draft, replays: 0 } });
    useFlowsStore.getState().upsert(flow);
    render(<ExchangePanel flow={flow} />);
    const verifier = screen.getByLabelText('code_verifier');
    expect(verifier).toHaveValue(VERIFIER);
    expect(screen.getByLabelText('resource')).toHaveValue('https://api');
    await user.clear(verifier);
    await user.type(verifier, 'wrong-verifier');
    expect(screen.getByText(/Edited: code_verifier/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Exchange' }));
    expect(api.exchangeFlow).toHaveBeenCalledWith({ flowId: 'flow-1', draft: { ...draft, codeVerifier: 'wrong-verifier' } });
  });

  it('an emptied code_verifier is left out (null); after the answer, Exchange again replays', async () => {
    const user = userEvent.setup({ delay: null });
    const ready = snapshot({ status: 'ready-to-exchange', exchange: { draft, replays: 0 } });
    const { rerender } = render(<ExchangePanel flow={ready} />);
    await user.clear(screen.getByLabelText('code_verifier'));
    await user.click(screen.getByRole('button', { name: 'Exchange' }));
    expect(api.exchangeFlow).toHaveBeenCalledWith({ flowId: 'flow-1', draft: { ...draft, codeVerifier: null } });
    rerender(<ExchangePanel flow={snapshot({ status: 'done', exchange: { draft, sent: draft, replays: 0 } })} />);
    await user.click(screen.getByRole('button', { name: 'Exchange again' }));
    expect(api.exchangeAgain).toHaveBeenCalledWith({ flowId: 'flow-1' });
  });

  it('shows nothing for a flow without pause mode', () => {
    const { container } = render(<ExchangePanel flow={snapshot({ status: 'done' })} />);
    expect(container).toBeEmptyDOMElement();
  });
});
