import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowSnapshot, TraceEntry } from '../../../shared/flow-types';
import { buildTokenRequest, redactTokenRequest } from '../../../shared/token-request';
import { setApiForTests } from '../../api';
import { useFlowsStore } from '../../store/flows-store';
import { appInfo, createFakeApi, snapshot } from '../../test/fake-api';
import { resetStores } from '../../test/reset-stores';
import { shownUrl } from './mask';
import { TracePanel } from './TracePanel';

const CODE = 'SplxlOBeZQQYbYS6WxSbIA';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const ACCESS = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.';
const SECRET = 'never-in-the-renderer';

function traceFor(clientAuthentication: 'basic' | 'body'): TraceEntry[] {
  // What main records: the request as sent, then redacted. The secret is only ever on main's side.
  const sent = buildTokenRequest({
    tokenUrl: 'https://idp.example/token',
    code: CODE,
    redirectUri: 'http://127.0.0.1:53682/callback',
    clientId: 'my-client',
    codeVerifier: VERIFIER,
    clientSecret: SECRET,
    clientAuthentication,
  });
  return [
    {
      kind: 'authorization_request',
      at: '2026-01-01T10:00:00.000Z',
      url: 'https://idp.example/authorize?response_type=code&client_id=my-client&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&state=st',
      params: [
        ['response_type', 'code'],
        ['client_id', 'my-client'],
        ['code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
        ['state', 'st'],
      ],
      mode: 'browser-loopback',
      redirectUri: 'http://127.0.0.1:53682/callback',
    },
    { kind: 'redirect', at: '2026-01-01T10:00:05.000Z', url: `http://127.0.0.1:53682/callback?code=${CODE}&state=st`, source: 'loopback', params: { code: CODE, state: 'st' } },
    { kind: 'token_request', at: '2026-01-01T10:00:05.100Z', clientId: 'my-client', ...redactTokenRequest(sent) },
    {
      kind: 'token_response',
      at: '2026-01-01T10:00:05.300Z',
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: ACCESS, token_type: 'Bearer', expires_in: 3600 }),
      truncated: false,
      durationMs: 200,
    },
  ];
}

function showFlow(clientAuthentication: 'basic' | 'body'): FlowSnapshot {
  const flow = snapshot({ status: 'done', trace: traceFor(clientAuthentication) });
  useFlowsStore.getState().upsert(flow);
  return flow;
}

beforeEach(() => {
  setApiForTests(createFakeApi());
  resetStores(appInfo());
});
afterEach(() => setApiForTests(null));

/** jsdom's Blob has no text(); FileReader it has. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('TracePanel', () => {
  it('shows every step in order with secrets masked until revealed', async () => {
    showFlow('basic');
    const user = userEvent.setup({ delay: null });
    render(<TracePanel />);
    const steps = screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent);
    expect(steps).toEqual(['Authorization request', 'Redirect received', 'Token request', 'Token response']);
    const page = document.body.textContent ?? '';
    expect(page).not.toContain(CODE);
    expect(page).not.toContain(VERIFIER);
    expect(page).not.toContain(ACCESS);
    expect(screen.getAllByText(`•••••• (${CODE.length} chars)`).length).toBeGreaterThan(0);
    // Not secret: the challenge and the state stay readable.
    expect(screen.getAllByText('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM').length).toBeGreaterThan(0);

    await user.click(screen.getByLabelText('Reveal secrets'));
    const revealed = document.body.textContent ?? '';
    expect(revealed).toContain(CODE);
    expect(revealed).toContain(VERIFIER);
    expect(revealed).toContain(ACCESS);
    expect(revealed).not.toContain(SECRET);
    const tokenRequest = screen.getByText('Token request').closest('li') as HTMLElement;
    expect(within(tokenRequest).getByRole('rowheader', { name: 'authorization' }).nextElementSibling).toHaveTextContent('Basic [redacted]');
    expect(tokenRequest).toHaveTextContent('it shows as [redacted] even when secrets are revealed');
  });

  it('a secret sent in the body stays [redacted] when revealed', async () => {
    showFlow('body');
    const user = userEvent.setup({ delay: null });
    render(<TracePanel />);
    await user.click(screen.getByLabelText('Reveal secrets'));
    expect(screen.getByRole('rowheader', { name: 'client_secret' }).nextElementSibling).toHaveTextContent('[redacted]');
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('Copy as curl copies masked values by default, whatever the screen shows', async () => {
    showFlow('basic');
    const user = userEvent.setup({ delay: null });
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<TracePanel />);
    const preview = screen.getByLabelText('curl command');
    expect(preview).toHaveTextContent("curl -sS -X POST 'https://idp.example/token'");
    expect(preview.textContent).not.toContain(CODE);
    await user.click(screen.getByLabelText('Reveal secrets'));
    expect(screen.getByLabelText('curl command').textContent).toContain(CODE);
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    const copied = writeText.mock.calls[0]?.[0] as string;
    expect(copied).toContain(`--data-urlencode 'code=•••••• (${CODE.length} chars)'`);
    expect(copied).not.toContain(CODE);
    expect(copied).not.toContain(VERIFIER);
    expect(copied).toContain('"$(form_urlencode "$CLIENT_SECRET")"');
    expect(copied).not.toContain('[redacted]');
    expect(copied).not.toContain(SECRET);
  });

  it('Include secrets: the next copy has the code and verifier in clear (never the client secret), then it is unticked', async () => {
    showFlow('basic');
    const user = userEvent.setup({ delay: null });
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<TracePanel />);
    const include = screen.getByLabelText('Include secrets');
    expect(include).not.toBeChecked();
    // Named once on the page, so a search for it finds the checkbox's label alone.
    expect(screen.getAllByText(/include secrets/i)).toHaveLength(1);
    await user.click(include);
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    const copied = writeText.mock.calls[0]?.[0] as string;
    expect(copied).toContain(`--data-urlencode 'code=${CODE}'`);
    expect(copied).toContain(`--data-urlencode 'code_verifier=${VERIFIER}'`);
    expect(copied).not.toContain(SECRET);
    // One action only: the next copy is masked again.
    expect(screen.getByLabelText('Include secrets')).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    expect(writeText.mock.calls[1]?.[0]).not.toContain(CODE);
  });

  it('Include secrets is for the flow it was ticked on: showing another flow unticks it', async () => {
    showFlow('basic');
    useFlowsStore.getState().upsert(snapshot({ flowId: 'flow-2', tokenName: 'Other', startedAt: '2026-01-01T09:00:00.000Z', status: 'failed' }));
    const user = userEvent.setup({ delay: null });
    render(<TracePanel />);
    await user.click(screen.getByLabelText('Include secrets'));
    await user.selectOptions(screen.getByLabelText('Flow'), 'flow-2');
    expect(screen.getByLabelText('Include secrets')).not.toBeChecked();
    await user.selectOptions(screen.getByLabelText('Flow'), 'flow-1');
    expect(screen.getByLabelText('Include secrets')).not.toBeChecked();
  });

  it('Export trace writes the snapshot masked; with Include secrets, as it is, once', async () => {
    const flow = showFlow('basic');
    const user = userEvent.setup({ delay: null });
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((b: Blob) => {
        blobs.push(b);
        return 'blob:trace';
      }),
      revokeObjectURL: vi.fn(),
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/^pkce-trace-Token-2026-01-01T10-00-00-000Z\.json$/);
    });
    render(<TracePanel />);
    await user.click(screen.getByLabelText('Reveal secrets'));
    await user.click(screen.getByRole('button', { name: 'Export trace' }));
    const masked = await readText(blobs[0] as Blob);
    for (const secret of [CODE, VERIFIER, ACCESS, SECRET]) expect(masked).not.toContain(secret);
    const parsed = JSON.parse(masked) as FlowSnapshot;
    expect(parsed.trace.map((t) => t.kind)).toEqual(flow.trace.map((t) => t.kind));
    expect(parsed.trace.find((t) => t.kind === 'redirect')).toMatchObject({ params: { code: `•••••• (${CODE.length} chars)`, state: 'st' } });

    await user.click(screen.getByLabelText('Include secrets'));
    await user.click(screen.getByRole('button', { name: 'Export trace' }));
    expect(JSON.parse(await readText(blobs[1] as Blob))).toEqual(flow);
    expect(await readText(blobs[1] as Blob)).not.toContain(SECRET);
    expect(screen.getByLabelText('Include secrets')).not.toBeChecked();
    expect(click).toHaveBeenCalledTimes(2);
    click.mockRestore();
  });
});

describe('plain PKCE in the trace', () => {
  it('masks code_challenge too, since with plain it is the verifier', () => {
    const flow = snapshot({ status: 'done', trace: traceFor('basic'), pkce: { method: 'plain', verifier: VERIFIER, verifierBytesHex: '', challenge: VERIFIER, generated: true, warnings: [] } });
    useFlowsStore.getState().upsert(flow);
    render(<TracePanel />);
    expect(screen.queryByText('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).not.toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'code_challenge' }).nextElementSibling).toHaveTextContent('•••••• (43 chars)');
  });
});

describe('shownUrl', () => {
  it('masks only secret parameters and leaves the rest of the URL exactly as it was', () => {
    expect(shownUrl('http://127.0.0.1/cb?state=a%20b&code=xyz#frag', false)).toBe('http://127.0.0.1/cb?state=a%20b&code=•••••• (3 chars)#frag');
    expect(shownUrl('http://127.0.0.1/cb#access_token=abcd&state=s', false)).toBe('http://127.0.0.1/cb#access_token=•••••• (4 chars)&state=s');
    expect(shownUrl('http://127.0.0.1/cb?code=xyz', true)).toBe('http://127.0.0.1/cb?code=xyz');
  });
});
