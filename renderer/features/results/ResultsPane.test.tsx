import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../api';
import { useFlowsStore } from '../../store/flows-store';
import { appInfo, createFakeApi, snapshot } from '../../test/fake-api';
import { resetStores } from '../../test/reset-stores';
import { ResultsPane } from './ResultsPane';

beforeEach(() => {
  setApiForTests(createFakeApi());
  resetStores(appInfo());
});
afterEach(() => setApiForTests(null));

/** What listFlows gives back after a reload: nothing selected, an older flow with tokens, a newer failed one. */
function afterReload() {
  useFlowsStore.getState().upsertMany([
    snapshot({ flowId: 'ok', tokenName: 'Worked', status: 'done', startedAt: '2026-01-01T09:00:00.000Z', tokens: { receivedAt: '2026-01-01T09:00:05.000Z', raw: {}, accessToken: 'the-access-token' } }),
    snapshot({
      flowId: 'bad',
      tokenName: 'Wrong secret',
      status: 'failed',
      startedAt: '2026-01-01T10:00:00.000Z',
      error: { kind: 'oauth_error', message: 'Refused.', error: 'invalid_client', httpStatus: 401 },
    }),
  ]);
}

describe('ResultsPane', () => {
  it('after a reload, the status and the tokens are about the same flow', async () => {
    afterReload();
    render(<ResultsPane />);
    const status = screen.getByRole('region', { name: /Wrong secret/ });
    expect(within(status).getByRole('status')).toHaveTextContent('Failed');
    const tokens = screen.getByRole('tabpanel');
    await waitFor(() => expect(tokens).toHaveTextContent('“Wrong secret” got no tokens'));
    expect(tokens).not.toHaveTextContent('the-access-token');

    // Picking the other flow's tokens moves the whole panel to it.
    await userEvent.setup({ delay: null }).click(within(await screen.findByRole('list', { name: 'Tokens of this session' })).getByRole('button', { name: /Worked/ }));
    expect(screen.getByRole('region', { name: /Worked/ })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Wrong secret/ })).not.toBeInTheDocument();
    expect(screen.getByText('the-access-token')).toBeInTheDocument();
  });

  it('the trace tab follows the same flow', async () => {
    afterReload();
    render(<ResultsPane />);
    await userEvent.setup({ delay: null }).click(screen.getByRole('tab', { name: 'Trace' }));
    expect(await screen.findByLabelText('Flow')).toHaveValue('bad');
  });
});
