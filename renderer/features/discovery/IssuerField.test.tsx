import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DiscoveryOutcome } from '../../../shared/oidc/discovery-result';
import type { OidcMetadata } from '../../../shared/oidc/metadata';
import { findPreset, presetSettings } from '../../../shared/presets';
import { defaultFlowSettings } from '../../../shared/settings';
import { useFormStore } from '../../store/form-store';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { FlowForm } from '../form/FlowForm';

const ISSUER = 'https://sso.example.com/realms/demo';
const SOURCE = `${ISSUER}/.well-known/openid-configuration`;
const METADATA: OidcMetadata = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
  token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
  jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
  code_challenge_methods_supported: ['S256'],
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
  response_types_supported: ['code'],
};

function found(metadata: OidcMetadata = METADATA, warnings: string[] = []): DiscoveryOutcome {
  const body = JSON.stringify({ ...metadata, claims_supported: ['sub'] });
  return {
    ok: true,
    discovered: { source: SOURCE, fetchedAt: '2026-01-01T10:00:00.000Z', metadata },
    warnings,
    trace: [
      { kind: 'note', at: '2026-01-01T10:00:00.000Z', level: 'info', message: `GET ${SOURCE} (Accept: application/json)` },
      { kind: 'token_response', at: '2026-01-01T10:00:00.050Z', status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body, truncated: false, durationMs: 50 },
    ],
  };
}

const api = fakeApiPerTest();

type User = ReturnType<typeof userEvent.setup>;
async function typeIssuer(user: User, issuer: string) {
  await user.click(screen.getByLabelText('Issuer'));
  await user.paste(issuer);
}
const discoverButton = () => screen.getByRole('button', { name: 'Discover' });

describe('Issuer and Discover', () => {
  it('puts Issuer above Auth URL, and disables Discover with the reason until the Issuer can be discovered', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    const labels = [...document.querySelectorAll('.flow-form label')].map((l) => l.textContent);
    expect(labels.indexOf('Issuer')).toBe(labels.indexOf('Auth URL') - 1);
    expect(discoverButton()).toBeDisabled();
    expect(discoverButton()).toHaveAttribute('title', expect.stringMatching(/Type the Issuer first/));

    await typeIssuer(user, 'login.example.com');
    expect(discoverButton()).toBeDisabled();
    expect(discoverButton()).toHaveAccessibleDescription(/not an absolute URL/);
    await user.clear(screen.getByLabelText('Issuer'));
    await typeIssuer(user, ISSUER);
    expect(discoverButton()).toBeEnabled();
  });

  it('keeps Discover disabled while a preset placeholder is left in the Issuer', () => {
    useFormStore.getState().load(presetSettings(findPreset('azure-ad')!), null);
    render(<FlowForm />);
    expect(screen.getByLabelText('Issuer')).toHaveValue('https://login.microsoftonline.com/{tenant}/v2.0');
    expect(discoverButton()).toBeDisabled();
    expect(discoverButton()).toHaveAccessibleDescription('Replace {tenant} in the Issuer first.');
  });

  it('fills Auth URL and Access Token URL, keeps the metadata in the settings, and shows it and the trace', async () => {
    api.discover.mockResolvedValueOnce(found());
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await typeIssuer(user, ISSUER);
    await user.click(discoverButton());

    expect(api.discover).toHaveBeenCalledWith({ issuer: ISSUER });
    await waitFor(() => expect(screen.getByLabelText('Auth URL')).toHaveValue(METADATA.authorization_endpoint));
    expect(screen.getByLabelText('Access Token URL')).toHaveValue(METADATA.token_endpoint);
    expect(useFormStore.getState().settings.metadata).toEqual({ source: SOURCE, fetchedAt: '2026-01-01T10:00:00.000Z', metadata: METADATA });
    expect(screen.getByText(/Auth URL and Access Token URL filled from the metadata/)).toBeInTheDocument();

    const details = (await screen.findByText('Metadata')).closest('details')!;
    expect(details).not.toHaveAttribute('open');
    expect(JSON.parse(within(details).getByLabelText('Metadata document').textContent!)).toEqual(METADATA);

    const trace = (await screen.findByText('Discovery trace')).closest('details')!;
    expect(within(trace).getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['Discovery request', 'Discovery response']);
    expect(within(trace).getByLabelText('Response body').textContent).toContain('claims_supported');
  });

  it('shows the warnings about the document and leaves a field the metadata does not give', async () => {
    api.discover.mockResolvedValueOnce(found({ issuer: ISSUER, authorization_endpoint: METADATA.authorization_endpoint }, ['The metadata has no token_endpoint: Access Token URL was left as it was.']));
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await typeIssuer(user, ISSUER);
    await user.click(screen.getByLabelText('Access Token URL'));
    await user.paste('https://typed.example/token');
    await user.click(discoverButton());
    expect(await screen.findByText(/Auth URL filled from the metadata/)).toBeInTheDocument();
    expect(screen.getByText('The metadata has no token_endpoint: Access Token URL was left as it was.')).toBeInTheDocument();
    expect(screen.getByLabelText('Access Token URL')).toHaveValue('https://typed.example/token');
  });

  it.each([
    ['an HTML 500', { kind: 'http_status', httpStatus: 500, message: `${SOURCE} answered 500 Internal Server Error with an HTML page: “Oops”. The IdP has a problem.` }],
    ['not JSON', { kind: 'not_json', httpStatus: 200, message: `${SOURCE} answered 200 OK but not with JSON metadata: it sent an HTML page: “Welcome”.` }],
    ['a timeout', { kind: 'timeout', message: 'The discovery endpoint at sso.example.com did not answer within 15 s. Check that the Issuer is right.' }],
  ] as const)('shows %s at the Issuer field, and fills nothing', async (_label, error) => {
    api.discover.mockResolvedValueOnce({ ok: false, error, trace: [] });
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await typeIssuer(user, ISSUER);
    await user.click(discoverButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`Discover failed: ${error.message}`);
    expect(screen.getByLabelText('Issuer')).toHaveAccessibleDescription(expect.stringContaining(error.message));
    expect(screen.getByLabelText('Auth URL')).toHaveValue('');
    expect(useFormStore.getState().settings.metadata).toBeNull();
  });

  it('shows both issuers on a mismatch, and can discover again with the document\'s', async () => {
    const received = `${ISSUER}/`;
    api.discover.mockResolvedValueOnce({
      ok: false,
      error: { kind: 'issuer_mismatch', expected: ISSUER, received, message: `The document is for the issuer “${received}”, not for the Issuer typed, “${ISSUER}”.` },
      trace: [],
    });
    api.discover.mockResolvedValueOnce(found({ ...METADATA, issuer: received }));
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await typeIssuer(user, ISSUER);
    await user.click(discoverButton());
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Issuer typed').nextElementSibling).toHaveTextContent(ISSUER);
    expect(within(alert).getByText('Issuer in the document').nextElementSibling).toHaveTextContent(received);

    await user.click(within(alert).getByRole('button', { name: "Use the document's issuer" }));
    expect(api.discover).toHaveBeenLastCalledWith({ issuer: received });
    await waitFor(() => expect(screen.getByLabelText('Auth URL')).toHaveValue(METADATA.authorization_endpoint));
    expect(screen.getByLabelText('Issuer')).toHaveValue(received);
  });

  it('drops an answer for an Issuer edited meanwhile', async () => {
    let answer!: (outcome: DiscoveryOutcome) => void;
    api.discover.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await typeIssuer(user, ISSUER);
    await user.click(discoverButton());
    expect(screen.getByText('Discovering…')).toBeInTheDocument();
    expect(discoverButton()).toBeDisabled();
    await user.type(screen.getByLabelText('Issuer'), 'x');
    answer(found());
    await waitFor(() => expect(api.discover).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getByLabelText('Auth URL')).toHaveValue('');
    expect(useFormStore.getState().settings.metadata).toBeNull();
  });
});

describe('pre-flight warnings from the metadata', () => {
  it('shows them at their fields, never blocking the flow', async () => {
    useFormStore.getState().load(
      {
        ...defaultFlowSettings(),
        issuer: ISSUER,
        clientId: 'app',
        authUrl: 'https://proxy.example/auth',
        accessTokenUrl: METADATA.token_endpoint!,
        codeChallengeMethod: 'plain',
        metadata: { source: SOURCE, fetchedAt: '2026-01-01T10:00:00.000Z', metadata: { ...METADATA, require_pushed_authorization_requests: true, token_endpoint_auth_methods_supported: ['private_key_jwt'] } },
      },
      null,
    );
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    expect(screen.getByLabelText('Code Challenge Method')).toHaveAccessibleDescription(/lists code_challenge_methods_supported: S256, not plain/);
    expect(screen.getByLabelText('Auth URL')).toHaveAccessibleDescription(/Differs from the IdP's metadata, whose authorization_endpoint is/);
    expect(screen.getByLabelText('Use PAR')).toHaveAccessibleDescription(/require_pushed_authorization_requests: true\): with Use PAR off, expect it to refuse/);
    // No client secret: a public client, token_endpoint_auth_method none.
    expect(screen.getByLabelText('Client Authentication')).toHaveAccessibleDescription(/private_key_jwt, not none \(a public client: no client secret\)/);

    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    await waitFor(() => expect(api.startFlow).toHaveBeenCalledTimes(1));
  });

  it('says the metadata is for another issuer once the Issuer is edited, and Forget metadata clears it', async () => {
    useFormStore.getState().load({ ...defaultFlowSettings(), issuer: ISSUER, metadata: { source: SOURCE, fetchedAt: '2026-01-01T10:00:00.000Z', metadata: METADATA } }, null);
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    expect(screen.queryByText(/press Discover again/)).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Issuer'), '2');
    expect(screen.getByLabelText('Issuer')).toHaveAccessibleDescription(new RegExp(`metadata kept with these settings is for the issuer “${ISSUER}”, not for this Issuer: press Discover again`));

    await user.click(await screen.findByText('Metadata'));
    await user.click(screen.getByRole('button', { name: 'Forget metadata' }));
    expect(useFormStore.getState().settings.metadata).toBeNull();
    expect(screen.queryByText(/press Discover again/)).not.toBeInTheDocument();
  });
});
