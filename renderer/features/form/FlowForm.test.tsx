import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_LOOPBACK_CALLBACK, DEFAULT_SCHEME_CALLBACK } from '../../../shared/app-identity';
import { ApiError } from '../../../shared/errors';
import { defaultFlowSettings } from '../../../shared/settings';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFormStore } from '../../store/form-store';
import { useProfilesStore } from '../../store/profiles-store';
import { useFlowsStore } from '../../store/flows-store';
import { useUiStore } from '../../store/ui-store';
import { connectApi } from '../../store/connect-api';
import { appInfo, snapshot } from '../../test/fake-api';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { fillRequired, pasteInto } from '../../test/form-input';
import { ResultsPane } from '../results/ResultsPane';
import { FlowForm } from './FlowForm';

// RFC 7636 Appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const api = fakeApiPerTest();

describe('FlowForm', () => {
  it('labels every field with the exact Postman texts', () => {
    render(<FlowForm />);
    for (const label of [
      'Token Name',
      'Grant Type',
      'Callback URL',
      'Authorize using browser',
      'Auth URL',
      'Access Token URL',
      'Client ID',
      'Client Secret',
      'Code Challenge Method',
      'Code Verifier',
      'Code Challenge',
      'Scope',
      'State',
      'Client Authentication',
      'Audience',
      'Resource',
      'Origin header',
      'Keep IdP cookies between flows',
      "Don't send code_verifier (negative test)",
    ]) {
      expect(screen.getByLabelText(label), label).toBeInTheDocument();
    }
    expect(screen.getByLabelText('Grant Type')).toHaveValue('Authorization Code (With PKCE)');
    expect(screen.getByLabelText('Authorize using browser')).toBeChecked();
    expect(screen.getByLabelText(/Loopback redirect/)).toBeChecked();
    const method = screen.getByLabelText('Code Challenge Method');
    expect(within(method).getAllByRole('option').map((o) => [o.textContent, (o as HTMLOptionElement).value])).toEqual([
      ['SHA-256', 'S256'],
      ['Plain', 'plain'],
    ]);
    expect(within(screen.getByLabelText('Client Authentication')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Send as Basic Auth header',
      'Send client credentials in body',
      'private_key_jwt',
      'client_secret_jwt',
      'tls_client_auth',
      'self_signed_tls_client_auth',
    ]);
  });

  it('derives the RFC 7636 Appendix B challenge live and explains it step by step', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await user.click(screen.getByLabelText('Code Verifier'));
    await user.paste(RFC_VERIFIER);
    // A read-only field, like Grant Type: its value is the challenge (and the text appears once, in the steps).
    await waitFor(() => expect(screen.getByLabelText('Code Challenge')).toHaveValue(RFC_CHALLENGE));
    expect(screen.getByLabelText('Code Challenge')).toHaveAttribute('readonly');
    expect(screen.getAllByText(RFC_CHALLENGE)).toHaveLength(1);
    const steps = screen.getByRole('region', { name: 'PKCE, step by step' });
    // The hex digest is shown and marked as NOT the challenge.
    const hex = within(steps).getByText('13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3');
    expect(hex.closest('li')).toHaveTextContent('not the challenge');
    expect(within(steps).getByText('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM=').closest('li')).toHaveTextContent('not the challenge');
    expect(within(steps).getByText(RFC_CHALLENGE).closest('li')).toHaveTextContent('✓ code_challenge');
    // A pasted hex digest is recognised for what it is.
    await user.click(within(steps).getByLabelText('Compare with a challenge you have'));
    await user.paste('13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3');
    expect(within(steps).getByRole('status')).toHaveTextContent(/hex: the right hash, the wrong encoding/);
  });

  it("explains a started flow's generated verifier, masked until secrets are revealed", async () => {
    const { explainCodeChallenge } = await import('../../../shared/pkce');
    const pkce = { ...(await explainCodeChallenge(RFC_VERIFIER, 'S256')), generated: true, warnings: [] };
    useFlowsStore.getState().upsert(snapshot({ flowId: 'f1', tokenName: 'Generated', pkce }));
    useUiStore.getState().selectFlow('f1');
    render(<FlowForm />);
    const steps = screen.getByRole('region', { name: 'PKCE, step by step' });
    expect(steps).toHaveTextContent('For the verifier of the flow "Generated"');
    expect(steps).not.toHaveTextContent(RFC_VERIFIER);
    expect(within(steps).getByText(RFC_CHALLENGE)).toBeInTheDocument();
    act(() => useUiStore.getState().setRevealSecrets(true));
    expect(within(steps).getByText(RFC_VERIFIER)).toBeInTheDocument();
  });

  it('says why the challenge cannot be computed when WebCrypto refuses', async () => {
    const digest = vi.spyOn(crypto.subtle, 'digest').mockRejectedValue(new Error('SubtleCrypto needs a secure context'));
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await user.click(screen.getByLabelText('Code Verifier'));
    await user.paste(RFC_VERIFIER);
    expect(await screen.findByText('Cannot be computed here: SubtleCrypto needs a secure context')).toBeInTheDocument();
    expect(screen.getByLabelText('Code Challenge')).toHaveValue('');
    expect(screen.getByLabelText('Code Challenge')).toHaveAccessibleDescription('Cannot be computed here: SubtleCrypto needs a secure context');
    digest.mockRestore();
  });

  it('warns about a short verifier without blocking, and generates a conforming one', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    const verifier = screen.getByLabelText('Code Verifier');
    await user.type(verifier, 'abc');
    expect(screen.getByText(/3 characters: RFC 7636 requires at least 43/)).toBeInTheDocument();
    expect(verifier).toHaveAccessibleDescription(/3 characters: RFC 7636 requires at least 43/);

    const length = screen.getByLabelText('Verifier length');
    await user.clear(length);
    await user.type(length, '50');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect((verifier as HTMLInputElement).value).toMatch(/^[A-Za-z0-9._~-]{50}$/);
    expect(screen.queryByText(/requires at least 43/)).not.toBeInTheDocument();
  });

  it('shows challenge = verifier for plain', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await user.selectOptions(screen.getByLabelText('Code Challenge Method'), 'Plain');
    await user.click(screen.getByLabelText('Code Verifier'));
    await user.paste(RFC_VERIFIER);
    await waitFor(() => expect(screen.getByLabelText('Code Challenge')).toHaveValue(RFC_VERIFIER));
  });

  it('pressing the button with errors shows them, focuses the first, and starts nothing', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    expect(screen.queryByText('Auth URL is required.')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(screen.getByText('Auth URL is required.')).toBeInTheDocument();
    expect(screen.getByText('Client ID is required.')).toBeInTheDocument();
    expect(screen.getByLabelText('Auth URL')).toHaveFocus();
    expect(screen.getByLabelText('Auth URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Auth URL')).toHaveAccessibleDescription('Auth URL is required.');
    expect(api.startFlow).not.toHaveBeenCalled();
  });

  it('opens Advanced to focus an error that lives there', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await fillRequired(user);
    await pasteInto(user, 'Origin header', 'http://localhost:3000/app');
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(screen.getByLabelText('Origin header')).toHaveFocus();
    expect(screen.getByText('Advanced').closest('details')).toHaveAttribute('open');
    expect(api.startFlow).not.toHaveBeenCalled();
  });

  it('switching mode offers its default callback but never clobbers a typed one', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    const callback = screen.getByLabelText('Callback URL');
    expect(callback).toHaveValue(DEFAULT_LOOPBACK_CALLBACK);
    expect(callback).toHaveAccessibleDescription(/Without a port .* ephemeral port/);
    await user.click(screen.getByLabelText(/Custom scheme/));
    expect(callback).toHaveValue(DEFAULT_SCHEME_CALLBACK);
    await user.click(screen.getByLabelText(/Loopback redirect/));
    expect(callback).toHaveValue(DEFAULT_LOOPBACK_CALLBACK);

    await user.clear(callback);
    await user.paste('http://127.0.0.1:8765/cb');
    await user.click(screen.getByLabelText(/Custom scheme/));
    expect(callback).toHaveValue('http://127.0.0.1:8765/cb');
    expect(screen.getByText(/With a custom-scheme redirect the Callback URL must use/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: `Use ${DEFAULT_SCHEME_CALLBACK}` }));
    expect(callback).toHaveValue(DEFAULT_SCHEME_CALLBACK);

    await user.click(screen.getByLabelText('Authorize using browser'));
    expect(useFormStore.getState().settings.authorizeMode).toBe('embedded');
    expect(screen.getByText(/as Postman does; some IdPs block embedded logins/)).toBeInTheDocument();
  });

  it('extra parameter rows can be added, switched off and removed', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    const group = screen.getByRole('group', { name: 'Extra authorization request parameters' });
    await user.click(within(group).getByRole('button', { name: '+ Add parameter' }));
    await user.click(within(group).getByRole('button', { name: '+ Add parameter' }));
    await user.type(within(group).getByLabelText('Extra authorization request parameters: key 1'), 'prompt');
    await user.type(within(group).getByLabelText('Extra authorization request parameters: value 1'), 'login');
    await user.type(within(group).getByLabelText('Extra authorization request parameters: key 2'), 'domain_hint');
    await user.click(within(group).getByLabelText('Extra authorization request parameters: send row 1'));
    expect(useFormStore.getState().settings.extraAuthParams).toEqual([
      { key: 'prompt', value: 'login', enabled: false },
      { key: 'domain_hint', value: '', enabled: true },
    ]);
    await user.click(within(group).getByRole('button', { name: 'Extra authorization request parameters: remove row 1' }));
    expect(useFormStore.getState().settings.extraAuthParams).toEqual([{ key: 'domain_hint', value: '', enabled: true }]);
  });

  it('embedded window: cookies can be kept between flows, and cleared', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    const keep = screen.getByLabelText('Keep IdP cookies between flows');
    expect(keep).toBeDisabled();
    await user.click(screen.getByLabelText('Authorize using browser'));
    expect(keep).toBeEnabled();
    await user.click(keep);
    expect(useFormStore.getState().settings).toMatchObject({ authorizeMode: 'embedded', keepCookies: true });
    await user.click(screen.getByRole('button', { name: 'Clear cookies' }));
    expect(api.clearCookies).toHaveBeenCalledWith({});
    expect(await screen.findByText(/IdP cookies cleared/)).toBeInTheDocument();
  });

  it('starts a flow with exactly the settings typed, as a public client', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    expect(screen.getByText('Public client: no client authentication will be sent.')).toBeInTheDocument();
    await fillRequired(user);
    await user.clear(screen.getByLabelText('Token Name'));
    await user.type(screen.getByLabelText('Token Name'), 'Entra test');
    await user.clear(screen.getByLabelText('Scope'));
    await user.paste('openid offline_access');
    await user.selectOptions(screen.getByLabelText('Client Authentication'), 'Send client credentials in body');
    await user.click(screen.getByLabelText("Don't send code_verifier (negative test)"));
    const tokenParams = screen.getByRole('group', { name: 'Extra token request parameters' });
    await user.click(within(tokenParams).getByRole('button', { name: '+ Add parameter' }));
    await user.type(screen.getByLabelText('Extra token request parameters: key 1'), 'client_info');
    await user.type(screen.getByLabelText('Extra token request parameters: value 1'), '1');
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));

    expect(api.startFlow).toHaveBeenCalledTimes(1);
    expect(api.startFlow).toHaveBeenCalledWith({
      settings: {
        ...defaultFlowSettings(),
        tokenName: 'Entra test',
        authUrl: 'https://idp.example/authorize',
        accessTokenUrl: 'https://idp.example/token',
        clientId: 'my-client',
        scope: 'openid offline_access',
        clientAuthentication: 'body',
        omitCodeVerifier: true,
        extraTokenParams: [{ key: 'client_info', value: '1', enabled: true }],
      },
      profileId: null,
      clientSecret: { source: 'none' },
    });
  });

  it('sends a typed secret for this flow only when the keychain is unavailable', async () => {
    useAppInfoStore.setState({ info: appInfo({ keychain: { available: false, reason: 'No Secret Service is running (install gnome-keyring).' } }) });
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    // The one keychain notice, with its reason, is the sidebar's; the form does not repeat it.
    expect(screen.queryByText('Why, and how to fix')).not.toBeInTheDocument();
    expect(screen.queryByText(/No Secret Service is running/)).not.toBeInTheDocument();
    await fillRequired(user);
    await user.type(screen.getByLabelText('Client Secret'), 's3cret value');
    expect(screen.getByLabelText('Client Secret')).toHaveAccessibleDescription('Used for flows in this window only: without the OS keychain it cannot be stored.');
    expect(screen.getByLabelText('Client Secret')).toHaveAttribute('type', 'password');
    expect(screen.queryByRole('button', { name: 'Save to keychain' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(api.startFlow).toHaveBeenCalledWith(expect.objectContaining({ clientSecret: { source: 'once', value: 's3cret value' } }));
  });

  it('a profile with a stored secret: dots, never the secret; Replace, Clear; flows use the stored one', async () => {
    const settings = { ...defaultFlowSettings(), authUrl: 'https://idp.example/a', accessTokenUrl: 'https://idp.example/t', clientId: 'c' };
    useFormStore.getState().load(settings, { profileId: 'p1', revision: 3, saved: settings });
    useProfilesStore.setState({ profiles: [{ id: 'p1', name: 'Entra', updatedAt: '2026-01-01T00:00:00Z', revision: 3, hasSecret: true }] });
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    expect(screen.getByLabelText('Client Secret')).toHaveValue('•••• stored in keychain');
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(api.startFlow).toHaveBeenLastCalledWith({ settings, profileId: 'p1', clientSecret: { source: 'stored' } });

    // Replacing: the new secret is used for flows at once; storing it is the profile's Save (One Save).
    await user.click(screen.getByRole('button', { name: 'Replace' }));
    await user.type(screen.getByLabelText('Client Secret'), 'new-secret');
    expect(screen.queryByRole('button', { name: 'Save to keychain' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Client Secret')).toHaveAccessibleDescription(/Not saved yet: Save .* stores it in the OS keychain/);
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(api.startFlow).toHaveBeenLastCalledWith({ settings, profileId: 'p1', clientSecret: { source: 'once', value: 'new-secret' } });
    await user.click(screen.getByRole('button', { name: 'Keep the stored one' }));
    expect(screen.getByLabelText('Client Secret')).toHaveValue('•••• stored in keychain');
    expect(api.setClientSecret).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(api.clearClientSecret).toHaveBeenCalledWith({ profileId: 'p1' });
    expect(await screen.findByText('Public client: no client authentication will be sent.')).toBeInTheDocument();
  });

  it('browser mode: opens the sign-in tab and always shows the fallback link', async () => {
    useAppInfoStore.setState({ info: appInfo({ runtime: 'web', authorizeModes: ['browser-loopback'] }) });
    const started = snapshot({ openedBy: 'renderer', authorizationUrl: 'https://idp.example/authorize?state=xyz' });
    api.startFlow.mockResolvedValueOnce(started);
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const disconnect = connectApi(api);
    const user = userEvent.setup({ delay: null });
    render(
      <>
        <FlowForm />
        <ResultsPane />
      </>,
    );
    expect(screen.getByLabelText(/Custom scheme/)).toBeDisabled();
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(open).toHaveBeenCalledWith('https://idp.example/authorize?state=xyz', '_blank', 'noopener');
    expect(screen.getByRole('link', { name: 'Open the sign-in page' })).toHaveAttribute('href', 'https://idp.example/authorize?state=xyz');
    expect(screen.getByText('http://127.0.0.1:53682/callback')).toBeInTheDocument();

    // Paste the redirect URL for a callback nothing listens on; Cancel.
    await pasteInto(user, 'Paste the redirect URL', 'https://localhost/?code=abc&state=xyz');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(api.submitRedirect).toHaveBeenCalledWith({ url: 'https://localhost/?code=abc&state=xyz' });
    // Main reports progress through events; Cancel ends the flow.
    act(() => api.emit('flowUpdated', snapshot({ status: 'awaiting-redirect', updatedAt: '2026-01-01T10:05:00.000Z', tokenName: 'Renamed by event' })));
    expect(screen.getByRole('heading', { name: /Renamed by event/ })).toBeInTheDocument();
    api.cancelFlow.mockResolvedValueOnce(snapshot({ status: 'cancelled', updatedAt: '2026-01-01T10:06:00.000Z' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancelFlow).toHaveBeenCalledWith({ flowId: 'flow-1' });
    expect(screen.getByRole('heading', { name: /Cancelled/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open the sign-in page' })).not.toBeInTheDocument();
    open.mockRestore();
    disconnect();
  });

  it('shows errors main returns for the settings next to their fields', async () => {
    api.startFlow.mockRejectedValueOnce(new ApiError('invalid_settings', 'The settings cannot start a flow.', [{ field: 'clientId', message: 'Unknown client at this IdP.' }]));
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(await screen.findByText('Unknown client at this IdP.')).toBeInTheDocument();
    expect(screen.getByLabelText('Client ID')).toHaveFocus();
    expect(screen.getByText('The settings cannot start a flow.')).toHaveAttribute('role', 'alert');
  });
});
