import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../shared/contract';
import { setApiForTests } from './api';
import { App } from './App';
import { appInfo, createFakeApi, snapshot, type FakeApi } from './test/fake-api';
import { resetStores } from './test/reset-stores';

let api: FakeApi;

beforeEach(() => {
  resetStores(null);
  api = createFakeApi(appInfo({ runtime: 'web', version: '9.9.9', authorizeModes: ['browser-loopback'] }));
  setApiForTests(api);
});
afterEach(() => setApiForTests(null));

describe('App', () => {
  it('loads what main knows, mounts the profiles sidebar, and follows flow events and notices', async () => {
    api.listFlows.mockResolvedValueOnce([snapshot({ flowId: 'old', tokenName: 'From before the reload', status: 'awaiting-redirect' })]);
    render(<App />);
    expect(await screen.findByText(/Browser mode · v9\.9\.9/)).toBeInTheDocument();
    expect(screen.getByRole('complementary', { name: 'Profiles' })).toBeInTheDocument();
    expect(api.listProfiles).toHaveBeenCalled();
    expect(await screen.findByRole('heading', { name: /From before the reload/ })).toBeInTheDocument();

    act(() => api.emit('flowUpdated', snapshot({ flowId: 'old', tokenName: 'From before the reload', status: 'failed', updatedAt: '2026-01-01T10:01:00.000Z', error: { kind: 'state_mismatch', message: 'No pending flow has this state.' } })));
    const status = screen.getByRole('region', { name: /From before the reload/ });
    expect(within(status).getByRole('heading', { name: 'State mismatch' })).toBeInTheDocument();

    act(() => api.emit('notice', { level: 'warning', message: 'A deep link with an unknown state was refused.', at: '2026-01-01T10:02:00.000Z' }));
    expect(screen.getByText('A deep link with an unknown state was refused.')).toBeInTheDocument();
  });

  it('when main cannot be reached, shows one blocking screen saying how to get in, and no form', async () => {
    api.getAppInfo.mockRejectedValueOnce(new Error('This tab was opened without its access token.'));
    api.listFlows.mockRejectedValueOnce(new Error('This tab was opened without its access token.'));
    render(<App />);
    const gate = await screen.findByRole('alert');
    expect(gate).toHaveTextContent('This tab was opened without its access token.');
    expect(gate).toHaveTextContent('npm run web');
    expect(gate).toHaveTextContent('#token=');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Get New Access Token' })).not.toBeInTheDocument();
    expect(screen.queryByRole('complementary', { name: 'Profiles' })).not.toBeInTheDocument();
    expect(screen.queryByText(/Custom scheme/)).not.toBeInTheDocument();
  });

  it('shows the form with its defaults before main answers, asking for app info and profiles in parallel', async () => {
    let answerInfo: (info: AppInfo) => void = () => {};
    api.getAppInfo.mockReturnValueOnce(new Promise<AppInfo>((resolve) => (answerInfo = resolve)));
    render(<App />);
    expect(screen.getByRole('button', { name: 'Get New Access Token' })).toBeInTheDocument();
    expect(api.listProfiles).toHaveBeenCalled();
    expect(screen.queryByText(/Browser mode/)).not.toBeInTheDocument();
    act(() => answerInfo(appInfo({ runtime: 'web', version: '9.9.9', authorizeModes: ['browser-loopback'] })));
    expect(await screen.findByText(/Browser mode · v9\.9\.9/)).toBeInTheDocument();
  });
});
