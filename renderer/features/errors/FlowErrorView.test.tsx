import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../store/ui-store';
import { snapshot } from '../../test/fake-api';
import { FlowStatusPanel } from '../flow/FlowStatusPanel';
import { FlowErrorView } from './FlowErrorView';
import { NoticeBanners } from './NoticeBanners';

describe('FlowErrorView', () => {
  it('explains an Entra ID verifier mismatch (AADSTS50148) and shows what the IdP said', async () => {
    const raw = JSON.stringify({ error: 'invalid_grant', error_description: 'AADSTS50148: The code_verifier provided does not match the code_challenge supplied in the authorization request for PKCE.' });
    render(
      <FlowErrorView
        error={{
          kind: 'oauth_error',
          message: 'The token endpoint refused the request.',
          error: 'invalid_grant',
          errorDescription: 'AADSTS50148: The code_verifier provided does not match the code_challenge supplied in the authorization request for PKCE.',
          errorUri: 'https://login.microsoftonline.com/error?code=50148',
          httpStatus: 400,
          raw,
        }}
      />,
    );
    expect(screen.getByRole('heading', { name: /The token endpoint returned an OAuth error/ })).toHaveTextContent('HTTP 400');
    expect(screen.getByText('invalid_grant')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'The code verifier does not match the code challenge' })).toBeInTheDocument();
    expect(screen.getByText(/hex or as padded base64 instead of base64url/)).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'https://login.microsoftonline.com/error?code=50148' });
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    // The raw body is in the page only once opened.
    expect(screen.queryByText(raw)).not.toBeInTheDocument();
    await userEvent.setup({ delay: null }).click(screen.getByText('Raw response'));
    expect(screen.getByText(raw)).toBeInTheDocument();
  });

  it('shows the OAuth error code and description once (the facts), with what they mean', () => {
    render(
      <FlowErrorView
        error={{
          kind: 'oauth_error',
          message: 'The IdP refused the token request: invalid_client (client authentication failed). The client could not be authenticated.',
          error: 'invalid_client',
          errorDescription: 'client authentication failed',
          hint: 'The client could not be authenticated.',
          httpStatus: 401,
          raw: '{"error":"invalid_client","error_description":"client authentication failed"}',
        }}
      />,
    );
    expect(screen.getAllByText(/invalid_client/)).toHaveLength(1);
    expect(screen.getAllByText(/^client authentication failed$/)).toHaveLength(1);
    // The explanation says what the hint says, once.
    expect(screen.queryByText('The client could not be authenticated.')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Client authentication failed' })).toBeInTheDocument();
    expect(screen.getAllByText(/Check Client ID and Client Secret|Check the Client ID and Client Secret/)).toHaveLength(1);
  });

  it('keeps the hint when no explanation covers the error', () => {
    render(<FlowErrorView error={{ kind: 'oauth_error', message: 'Refused.', error: 'unsupported_grant_type', hint: 'The IdP does not accept grant_type=authorization_code for this client.', httpStatus: 400 }} />);
    expect(screen.getByText('The IdP does not accept grant_type=authorization_code for this client.')).toBeInTheDocument();
  });

  it('shows the message itself when there is no OAuth error code, and no explanation repeating it', () => {
    const message = 'Nothing is listening at 127.0.0.1:1: the connection was refused. Check the host and port of the Access Token URL, and that the identity provider is running.';
    const { container } = render(<FlowErrorView error={{ kind: 'connection_refused', message }} />);
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(container.querySelector('.explanation')).toBeNull();
    expect(screen.getAllByText(/Access Token URL/)).toHaveLength(1);
  });

  it('an expired flow: what happened once, and the one thing the message does not say', () => {
    render(<FlowErrorView error={{ kind: 'expired', message: 'No redirect arrived within 10 min, so the flow was given up. Start a new flow; a redirect for this one will now be refused.' }} />);
    expect(screen.getAllByText(/Start a new flow/)).toHaveLength(1);
    expect(screen.getByText(/Paste the redirect URL/)).toBeInTheDocument();
  });

  it('explains invalid_client in terms of this form', () => {
    render(<FlowErrorView error={{ kind: 'oauth_error', message: 'Refused.', error: 'invalid_client', errorDescription: 'client authentication failed', httpStatus: 401 }} />);
    expect(screen.getByRole('heading', { name: 'Client authentication failed' })).toBeInTheDocument();
    expect(screen.getByText(/Send as Basic Auth header \/ Send client credentials in body/)).toBeInTheDocument();
  });

  it('never turns a non-http error_uri into a link', () => {
    render(<FlowErrorView error={{ kind: 'authorization_error', message: 'Refused.', error: 'access_denied', errorUri: 'javascript:alert(1)' }} />);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByText('javascript:alert(1)')).toBeInTheDocument();
  });
});

describe('FlowStatusPanel errors', () => {
  it('reads the negative test from the trace: no code_verifier sent, invalid_grant = PKCE enforced', () => {
    const flow = snapshot({
      status: 'failed',
      error: { kind: 'oauth_error', message: 'Refused.', error: 'invalid_grant', errorDescription: 'grant request is invalid', httpStatus: 400 },
      trace: [
        {
          kind: 'token_request',
          at: '2026-01-01T10:00:05.000Z',
          url: 'https://idp.example/token',
          method: 'POST',
          headers: {},
          body: 'grant_type=authorization_code&code=c&redirect_uri=x&client_id=app',
          bodyParams: [
            ['grant_type', 'authorization_code'],
            ['code', 'c'],
            ['redirect_uri', 'x'],
            ['client_id', 'app'],
          ],
          clientAuth: 'none',
          clientId: 'app',
        },
      ],
    });
    render(<FlowStatusPanel flow={flow} />);
    expect(screen.getByRole('heading', { name: /As expected: the IdP refused a code redeemed without its code_verifier/ })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /does not match the code challenge/ })).not.toBeInTheDocument();
  });
});

describe('NoticeBanners', () => {
  beforeEach(() => useUiStore.setState({ notices: [] }));

  it('shows notices from main until dismissed', async () => {
    const user = userEvent.setup({ delay: null });
    render(<NoticeBanners />);
    act(() => useUiStore.getState().addNotice({ level: 'warning', message: 'A deep link with an unknown state was refused.', at: '2026-01-01T10:00:00.000Z' }));
    expect(screen.getByRole('alert')).toHaveTextContent('A deep link with an unknown state was refused.');
    await user.click(screen.getByRole('button', { name: /Dismiss/ }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps only the last 20 notices, whatever main sends', () => {
    render(<NoticeBanners />);
    act(() => {
      for (let i = 1; i <= 25; i++) useUiStore.getState().addNotice({ level: 'warning', message: `Notice number ${i}.`, at: '2026-01-01T10:00:00.000Z' });
    });
    const shown = screen.getAllByRole('alert');
    expect(shown).toHaveLength(20);
    expect(shown[0]).toHaveTextContent('Notice number 6.');
    expect(shown.at(-1)).toHaveTextContent('Notice number 25.');
  });

  it('shows a repeated notice once, with how many times it came, at its latest time', () => {
    render(<NoticeBanners />);
    act(() => {
      for (const at of ['2026-01-01T10:00:00.000Z', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:02.000Z']) {
        useUiStore.getState().addNotice({ level: 'info', message: 'PKCE Inspector was opened with a link that is not a sign-in callback.', at });
      }
      useUiStore.getState().addNotice({ level: 'warning', message: 'Something else.', at: '2026-01-01T10:00:03.000Z' });
    });
    expect(screen.getAllByText(/not a sign-in callback/)).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('(×3)');
    expect(useUiStore.getState().notices[0]).toMatchObject({ count: 3, at: '2026-01-01T10:00:02.000Z' });
  });
});
