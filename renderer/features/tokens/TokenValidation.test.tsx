// The ID Token Validation panel, the token list's badges, and the Advanced settings behind them.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { base64UrlEncode, utf8Bytes } from '../../../shared/encoding';
import type { TokenResult } from '../../../shared/flow-types';
import { ID_TOKEN_CHECKS, type CheckRow, type TokenValidation } from '../../../shared/oidc/check-rows';
import { useFlowsStore } from '../../store/flows-store';
import { snapshot } from '../../test/fake-api';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { FlowForm } from '../form/FlowForm';
import { TokensPanel } from './TokensPanel';

const RECEIVED = '2026-03-01T12:00:00.000Z';
const part = (o: object) => base64UrlEncode(utf8Bytes(JSON.stringify(o)));
const ID_TOKEN = `${part({ alg: 'RS256', kid: 'k1' })}.${part({ sub: 'alice', aud: 'app' })}.c2ln`;

const passing = (): CheckRow[] => ID_TOKEN_CHECKS.map((name) => ({ name, verdict: name === 'Not before (nbf)' ? 'not checked' : 'pass', reason: `${name} reason` }));
const failing = (failed: string): CheckRow[] => passing().map((r) => (r.name === failed ? { ...r, verdict: 'fail', reason: 'nonce "x" differs from the nonce this flow sent, "n"' } : r));

const api = fakeApiPerTest();

function addFlow(flowId: string, tokenName: string, tokens: Partial<TokenResult>, validation?: TokenValidation) {
  useFlowsStore.getState().upsert(
    snapshot({ flowId, tokenName, status: 'done', startedAt: `2026-03-01T1${flowId}:00:00.000Z`, tokens: { receivedAt: RECEIVED, raw: {}, accessToken: 'at', ...tokens, ...(validation ? { validation } : {}) } }),
  );
}

describe('ID Token Validation', () => {
  it('shows one row per check under the ID token, with its verdict word and reason, and the token itself', () => {
    addFlow('1', 'Bad nonce', { idToken: ID_TOKEN }, { idToken: { informational: false, rows: failing('Nonce') } });
    render(<TokensPanel />);
    const panel = screen.getByRole('region', { name: 'ID Token Validation' });
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([...ID_TOKEN_CHECKS]);
    const nonce = rows.find((r) => within(r).getByRole('rowheader').textContent === 'Nonce') as HTMLElement;
    expect(within(nonce).getAllByRole('cell').map((c) => c.textContent)).toEqual(['fail', 'nonce "x" differs from the nonce this flow sent, "n"']);
    expect(within(rows[6] as HTMLElement).getByText('not checked')).toBeInTheDocument();
    expect(within(panel).getByText(/^Checked when the tokens arrived/).querySelector('time')).toHaveAttribute('dateTime', RECEIVED);
    // The token is shown whatever failed, above its panel.
    const idSection = screen.getByText('ID Token').closest('.token-value') as HTMLElement;
    expect(within(idSection).getByText(ID_TOKEN)).toBeInTheDocument();
    expect(idSection.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('badges each token list entry that has an ID token: valid unless a check failed', () => {
    addFlow('1', 'Good', { idToken: ID_TOKEN }, { idToken: { informational: false, rows: passing() } });
    addFlow('2', 'Replayed', { idToken: ID_TOKEN }, { idToken: { informational: false, rows: failing('Signature') } });
    addFlow('3', 'No OIDC', {});
    render(<TokensPanel />);
    const items = within(screen.getByRole('list', { name: 'Tokens of this session' })).getAllByRole('listitem');
    expect(items.map((i) => [i.querySelector('.token-name')?.textContent])).toEqual([['No OIDC'], ['ReplayedID token invalid'], ['GoodID token valid']]);
  });

  it('shows a JWT access token’s checks as informational, and they never make the ID token invalid', () => {
    const accessRows: CheckRow[] = [{ name: 'Expiry (exp)', verdict: 'fail', reason: 'the ID token expired' }];
    addFlow('1', 'API', { idToken: ID_TOKEN }, { idToken: { informational: false, rows: passing() }, accessToken: { informational: true, rows: accessRows } });
    render(<TokensPanel />);
    const panel = screen.getByRole('region', { name: 'Access Token Validation (informational)' });
    expect(panel).toHaveTextContent(/Informational: an access token is meant for the API/);
    expect(screen.getByText('ID token valid')).toBeInTheDocument();
  });

  it('shows an expires_in that is not a number as received, without a countdown', () => {
    addFlow('1', 'Odd', { raw: { expires_in: 'soon' } });
    render(<TokensPanel />);
    expect(screen.getByText('Expires In').nextElementSibling).toHaveTextContent(/^"soon" as received: not a number of seconds, so no countdown$/);
  });
});

describe('Advanced: JWKS URI, Clock skew (seconds), Allow issuer mismatch (mix-up test)', () => {
  it('sends them with the flow, and refuses a clock skew out of range', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    for (const [label, text] of [['Auth URL', 'https://idp.example/authorize'], ['Access Token URL', 'https://idp.example/token'], ['Client ID', 'app'], ['JWKS URI', 'https://idp.example/jwks']]) {
      await user.click(screen.getByLabelText(label as string));
      await user.paste(text as string);
    }
    expect(screen.getByLabelText('Clock skew (seconds)')).toHaveValue(60);
    await user.click(screen.getByLabelText('Allow issuer mismatch (mix-up test)'));
    await user.clear(screen.getByLabelText('Clock skew (seconds)'));
    await user.type(screen.getByLabelText('Clock skew (seconds)'), '9999');
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(screen.getByLabelText('Clock skew (seconds)')).toHaveAccessibleDescription(/Clock skew must be a whole number of seconds from 0 to 3600/);
    expect(api.startFlow).not.toHaveBeenCalled();
    await user.clear(screen.getByLabelText('Clock skew (seconds)'));
    await user.type(screen.getByLabelText('Clock skew (seconds)'), '120');
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(api.startFlow).toHaveBeenCalledWith(expect.objectContaining({ settings: expect.objectContaining({ jwksUri: 'https://idp.example/jwks', clockSkewSeconds: 120, allowIssuerMismatch: true }) }));
  });
});
