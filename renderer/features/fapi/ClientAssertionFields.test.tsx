import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { defaultFlowSettings, type FlowSettings } from '../../../shared/settings';
import type { SigningKeySummary } from '../../../shared/signing-key';
import { useFormStore } from '../../store/form-store';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { FlowForm } from '../form/FlowForm';
import { useSigningKeyStore } from './signing-key-store';

const api = fakeApiPerTest();
beforeEach(() => useSigningKeyStore.setState({ byProfile: {}, busy: false }));

const SUMMARY: SigningKeySummary = {
  alg: 'ES256',
  kid: 'key-1',
  keyType: 'EC P-256',
  publicJwk: { kty: 'EC', crv: 'P-256', x: 'xx', y: 'yy', kid: 'key-1', alg: 'ES256', use: 'sig' },
  thumbprint: 'thumb-1',
  boundOrigins: ['https://idp.example'],
  source: 'imported',
  savedAt: '2026-11-30T10:00:00.000Z',
};

function openProfile(overrides: Partial<FlowSettings> = {}) {
  const settings = { ...defaultFlowSettings(), clientAuthentication: 'private_key_jwt' as const, ...overrides };
  useFormStore.getState().load(settings, { profileId: 'p1', revision: 0, saved: settings });
}

describe('Client Authentication by assertion', () => {
  it('offers private_key_jwt and client_secret_jwt beside the existing choices, and the Assertion audience only for them', async () => {
    const user = userEvent.setup();
    render(<FlowForm />);
    const select = screen.getByLabelText('Client Authentication');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Send as Basic Auth header', 'Send client credentials in body', 'private_key_jwt', 'client_secret_jwt', 'tls_client_auth', 'self_signed_tls_client_auth']);
    expect(screen.queryByLabelText('Assertion audience')).toBeNull();

    await user.selectOptions(select, 'client_secret_jwt');
    expect(useFormStore.getState().settings.clientAuthentication).toBe('client_secret_jwt');
    const audience = screen.getByLabelText('Assertion audience');
    expect(within(audience).getAllByRole('option').map((o) => o.textContent)).toEqual(['Token endpoint', 'Issuer']);
    await user.selectOptions(audience, 'Issuer');
    expect(useFormStore.getState().settings.assertionAudience).toBe('issuer');
    // client_secret_jwt signs with the secret: no key panel.
    expect(screen.queryByRole('group', { name: 'Signing key' })).toBeNull();

    await user.selectOptions(select, 'private_key_jwt');
    expect(screen.getByRole('group', { name: 'Signing key' })).toHaveTextContent(/save this profile first/);
    expect(api.getSigningKey).not.toHaveBeenCalled();
  });

  it('stores a pasted key once and then shows only its public summary; Copy public JWK Set; Remove key', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    openProfile();
    api.setSigningKey.mockResolvedValue({ key: SUMMARY });
    render(<FlowForm />);
    const panel = await screen.findByRole('group', { name: 'Signing key' });
    expect(api.getSigningKey).toHaveBeenCalledWith({ profileId: 'p1' });

    const pem = '-----BEGIN PRIVATE KEY-----\nMIGH...\n-----END PRIVATE KEY-----';
    await user.click(within(panel).getByLabelText('Private key (PEM or JWK)'));
    await user.paste(pem);
    await user.selectOptions(within(panel).getByLabelText('Algorithm'), 'ES256');
    await user.type(within(panel).getByLabelText('Key ID (kid)'), 'key-1');
    await user.click(within(panel).getByRole('button', { name: 'Save key' }));
    expect(api.setSigningKey).toHaveBeenCalledWith({ profileId: 'p1', privateKey: pem, alg: 'ES256', kid: 'key-1' });

    const summary = await within(panel).findByRole('table', { name: 'Signing key' });
    expect(summary).toHaveTextContent('key-1');
    expect(summary).toHaveTextContent('thumb-1');
    expect(within(panel).queryByLabelText('Private key (PEM or JWK)')).toBeNull();
    expect(document.body.textContent).not.toContain('MIGH');

    // The user-event clipboard is installed on setup: replace it after, to see what was written.
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(within(panel).getByRole('button', { name: 'Copy public JWK Set' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(JSON.parse(writeText.mock.calls[0]![0])).toEqual({ keys: [SUMMARY.publicJwk] });
    expect(within(panel).getByRole('status')).toHaveTextContent(/Copied/);

    await user.click(within(panel).getByRole('button', { name: 'Remove key' }));
    expect(api.clearSigningKey).toHaveBeenCalledWith({ profileId: 'p1' });
    expect(await within(panel).findByLabelText('Private key (PEM or JWK)')).toHaveValue('');
  });

  it('Generate key: ES256 unless an algorithm is chosen', async () => {
    const user = userEvent.setup();
    openProfile();
    api.generateSigningKey.mockResolvedValue({ key: SUMMARY });
    render(<FlowForm />);
    const panel = await screen.findByRole('group', { name: 'Signing key' });
    await user.click(await within(panel).findByRole('button', { name: 'Generate key' }));
    expect(api.generateSigningKey).toHaveBeenCalledWith({ profileId: 'p1', alg: 'ES256', kid: '' });
    await user.click(await within(panel).findByRole('button', { name: 'Replace key' }));
    await user.selectOptions(within(panel).getByLabelText('Algorithm'), 'PS256');
    await user.click(within(panel).getByRole('button', { name: 'Generate key' }));
    expect(api.generateSigningKey).toHaveBeenLastCalledWith({ profileId: 'p1', alg: 'PS256', kid: '' });
  });

  it('says why a pasted key was refused and keeps the text to fix', async () => {
    const user = userEvent.setup();
    openProfile();
    api.setSigningKey.mockRejectedValue(new ApiError('invalid_input', 'ES256 does not fit this key: it is an RSA 2048 bits key, which signs with RS256.'));
    render(<FlowForm />);
    const panel = await screen.findByRole('group', { name: 'Signing key' });
    await user.click(await within(panel).findByLabelText('Private key (PEM or JWK)'));
    await user.paste('-----BEGIN RSA PRIVATE KEY-----');
    await user.click(within(panel).getByRole('button', { name: 'Save key' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('ES256 does not fit this key');
    expect(within(panel).getByLabelText('Private key (PEM or JWK)')).toHaveValue('-----BEGIN RSA PRIVATE KEY-----');
  });

  it('warns when the IdP does not verify assertions with the key\'s algorithm, and shows the key for signed requests too', async () => {
    api.getSigningKey.mockResolvedValue({ key: { ...SUMMARY, alg: 'RS256' } });
    const issuer = 'https://idp.example';
    openProfile({
      issuer,
      metadata: { source: `${issuer}/.well-known/openid-configuration`, fetchedAt: '2026-11-30T10:00:00.000Z', metadata: { issuer, token_endpoint_auth_methods_supported: ['private_key_jwt'], token_endpoint_auth_signing_alg_values_supported: ['PS256'] } },
    });
    render(<FlowForm />);
    expect(await screen.findByText(/The profile's signing key signs with RS256, but the IdP lists token_endpoint_auth_signing_alg_values_supported: PS256/)).toBeInTheDocument();

    useFormStore.getState().setField('clientAuthentication', 'basic');
    useFormStore.getState().setField('signAuthorizationRequest', true);
    expect(await screen.findByRole('group', { name: 'Signing key' })).toHaveTextContent('EC P-256');
  });
});
