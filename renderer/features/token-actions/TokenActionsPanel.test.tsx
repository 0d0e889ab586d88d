import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowSnapshot } from '../../../shared/flow-types';
import type { ActionResult } from '../../../shared/token-actions';
import { useFlowsStore } from '../../store/flows-store';
import { useFormStore } from '../../store/form-store';
import { useSecretDraftStore } from '../../store/secret-draft-store';
import { useUiStore } from '../../store/ui-store';
import { snapshot } from '../../test/fake-api';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { actionAvailability } from './action-availability';
import { TokenActionsPanel } from './TokenActionsPanel';

const api = fakeApiPerTest();
beforeEach(() => {
  useFormStore.getState().setField('clientId', 'app');
  useFormStore.getState().setField('accessTokenUrl', 'https://idp.example/token');
});

const RECEIVED = new Date().toISOString();
function entry(overrides: Partial<FlowSnapshot> = {}): FlowSnapshot {
  return snapshot({ status: 'done', tokens: { receivedAt: RECEIVED, raw: {}, accessToken: 'AT', refreshToken: 'RT', expiresIn: 3600 }, ...overrides });
}
const result = (fields: Partial<ActionResult>): ActionResult => ({ id: 'r1', kind: 'introspect', title: 'Introspect access token', at: RECEIVED, outcome: 'ok', summary: '', rows: [], ...fields });

describe('actionAvailability', () => {
  it('names the field to fill when an endpoint is unknown, and takes the discovered one when there is one', () => {
    const settings = { ...useFormStore.getState().settings };
    const can = actionAvailability(entry(), settings, 'access_token');
    expect(can.refresh).toEqual({ enabled: true });
    expect(can.revoke).toEqual({ enabled: false, reason: expect.stringContaining('fill Revocation URL in Advanced') });
    expect(can.introspect.reason).toContain('Introspection URL');
    expect(can.userinfo.reason).toContain('UserInfo URL');
    expect(can.signOut.reason).toContain('End Session URL');
    expect(can.callApi.reason).toBe('Fill the API URL first.');
    const discovered = { ...settings, metadata: { source: 'https://idp.example/.well-known/openid-configuration', fetchedAt: RECEIVED, metadata: { issuer: 'https://idp.example', revocation_endpoint: 'https://idp.example/revoke' } } };
    expect(actionAvailability(entry(), discovered, 'access_token').revoke).toEqual({ enabled: true });
  });

  it('refuses to act with another client than the tokens were issued to, and without a refresh token', () => {
    const settings = { ...useFormStore.getState().settings, clientId: 'other', revocationUrl: 'https://idp.example/revoke' };
    expect(actionAvailability(entry(), settings, 'access_token').revoke.reason).toContain('issued to client app');
    const noRefresh = entry({ tokens: { receivedAt: RECEIVED, raw: {}, accessToken: 'AT' } });
    expect(actionAvailability(noRefresh, { ...settings, clientId: 'app' }, 'refresh_token').revoke.reason).toContain('no refresh token');
    expect(actionAvailability(noRefresh, { ...settings, clientId: 'app' }, 'access_token').refresh.reason).toContain('offline_access');
  });
});

describe('TokenActionsPanel', () => {
  it('disables a button whose endpoint is unknown, with the reason as its tooltip', () => {
    render(<TokenActionsPanel flow={entry()} />);
    const revoke = screen.getByRole('button', { name: 'Revoke' });
    expect(revoke).toBeDisabled();
    expect(revoke).toHaveAttribute('title', expect.stringContaining('Revocation URL'));
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Reuse previous refresh token' })).toBeNull();
  });

  it('refreshes by entry id with the typed secret, then shows and selects the new entry', async () => {
    useSecretDraftStore.getState().setTyped(null, 'typed-secret');
    const created = entry({ flowId: 'flow-2', lifecycle: { refreshedFrom: { flowId: 'flow-1', tokenName: 'Token', at: RECEIVED, auto: false, rotated: true }, refreshedInto: [], revoked: {}, results: [] } });
    api.tokenAction.mockResolvedValueOnce({ flow: entry({ updatedAt: new Date().toISOString() }), created });
    render(<TokenActionsPanel flow={entry()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(api.tokenAction).toHaveBeenCalledWith(expect.objectContaining({ flowId: 'flow-1', action: { kind: 'refresh' }, profileId: null, clientSecret: { source: 'once', value: 'typed-secret' } }));
    expect(useFlowsStore.getState().flows['flow-2']).toBeDefined();
    expect(useUiStore.getState().selectedFlowId).toBe('flow-2');
  });

  it('on a refreshed entry: says where it came from, offers the reuse test and shows the auto-refresh countdown', () => {
    const at = new Date(Date.now() + 90_000).toISOString();
    render(<TokenActionsPanel flow={entry({ flowId: 'flow-2', lifecycle: { refreshedFrom: { flowId: 'flow-1', tokenName: 'First', at: RECEIVED, auto: true, rotated: true }, refreshedInto: [], revoked: { access_token: { at: RECEIVED, status: 200 } }, autoRefresh: { at, secondsBefore: 60 }, results: [] } })} />);
    expect(screen.getByText(/Auto-refreshed from/)).toHaveTextContent('the refresh token was rotated');
    expect(screen.getByRole('button', { name: 'Reuse previous refresh token' })).toBeEnabled();
    expect(screen.getByText(/Access token revoked by this app/)).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent(/Auto-refresh in 1:(29|30) \(at .*, 60 s before expiry\)/);
  });

  it('shows results plainly: an inactive token, claims, and an explained refusal', () => {
    const results = [
      result({ id: 'a', summary: 'Inactive: the IdP says this access token is not active (revoked, expired, or unknown to it) — active: false.', outcome: 'warning', rows: [{ name: 'active', value: 'false', verdict: 'bad' }] }),
      result({ id: 'b', kind: 'refresh', title: 'Refresh', outcome: 'failed', summary: 'The IdP refused the refresh token: invalid_grant.', error: { kind: 'oauth_error', message: 'refused', error: 'invalid_grant' } }),
    ];
    render(<TokenActionsPanel flow={entry({ lifecycle: { refreshedInto: [], revoked: {}, results } })} />);
    expect(screen.getByRole('article', { name: 'Introspect access token result' })).toHaveTextContent('Inactive');
    const refused = screen.getByRole('article', { name: 'Refresh result' });
    expect(within(refused).getByRole('alert')).toHaveTextContent('The IdP refused the refresh token (invalid_grant)');
  });

  it('calls the API with the remembered method, URL and headers', async () => {
    useFormStore.getState().setField('apiUrl', 'https://api.example/me');
    useFormStore.getState().setField('apiHeaders', [{ key: 'x-trace', value: '1', enabled: true }]);
    render(<TokenActionsPanel flow={entry()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Call API' }));
    expect(api.tokenAction).toHaveBeenCalledWith(expect.objectContaining({ action: { kind: 'call-api', method: 'GET', url: 'https://api.example/me', headers: [{ key: 'x-trace', value: '1', enabled: true }] } }));
  });
});
