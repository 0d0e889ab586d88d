import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import type { TraceEntry } from '../../../shared/flow-types';
import type { ClientCertificateSummary } from '../../../shared/mtls';
import { defaultFlowSettings } from '../../../shared/settings';
import { useFormStore } from '../../store/form-store';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { FlowForm } from '../form/FlowForm';
import { TraceEntryView } from '../trace/TraceEntryView';
import { ClientCertificateSection } from './ClientCertificateSection';

const api = fakeApiPerTest();

const SUMMARY: ClientCertificateSummary = {
  subject: 'CN=pkce-inspector-mtls, O=Tests',
  issuer: 'CN=Test CA',
  validFrom: '2026-11-29T00:00:00.000Z',
  validTo: '2026-12-01T00:00:00.000Z',
  thumbprint: 'q1w2e3r4t5y6u7i8o9p0-_ASDFGHJKLZXCVBNMqwertyu',
  selfSigned: false,
  format: 'pkcs12',
  chainLength: 1,
  warnings: [],
};
const PEM_CERT = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----';
const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMIGkey\n-----END PRIVATE KEY-----';

function withSavedProfile() {
  const settings = { ...defaultFlowSettings(), useClientCertificate: true };
  useFormStore.getState().load(settings, { profileId: 'p1', revision: 1, saved: settings });
}

describe('Client certificate (Advanced)', () => {
  it('an unsaved form says a saved profile keeps the certificate, and asks main nothing', async () => {
    const user = userEvent.setup();
    render(<ClientCertificateSection />);
    await user.click(screen.getByLabelText('Client certificate'));
    expect(useFormStore.getState().settings.useClientCertificate).toBe(true);
    expect(screen.getByText(/kept in the OS keychain with a saved profile, never in a file/)).toBeInTheDocument();
    expect(api.getClientCertificate).not.toHaveBeenCalled();
  });

  it('adds a PKCS#12 file with its password, then shows only the public summary, and Remove certificate forgets it', async () => {
    withSavedProfile();
    api.setClientCertificate.mockResolvedValue({ certificate: SUMMARY });
    const user = userEvent.setup();
    render(<ClientCertificateSection />);
    await waitFor(() => expect(api.getClientCertificate).toHaveBeenCalledWith({ profileId: 'p1' }));
    await user.click(await screen.findByLabelText('PKCS#12 file (.p12, .pfx)'));
    const bytes = new Uint8Array([0x30, 0x82, 0x01, 0xff, 0x00, 0x10]);
    await user.upload(screen.getByLabelText('PKCS#12 file'), new File([bytes], 'client.p12', { type: 'application/x-pkcs12' }));
    expect(await screen.findByText('Chosen: client.p12')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Password'), 'p12-secret');
    await user.click(screen.getByRole('button', { name: 'Save certificate' }));

    expect(api.setClientCertificate).toHaveBeenCalledWith({ profileId: 'p1', certificate: { format: 'pkcs12', pkcs12Base64: 'MIIB/wAQ', password: 'p12-secret' } });
    const stored = await screen.findByLabelText('Stored client certificate');
    expect(within(stored).getByText(SUMMARY.subject)).toBeInTheDocument();
    expect(within(stored).getByText(SUMMARY.thumbprint)).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('p12-secret');

    await user.click(screen.getByRole('button', { name: 'Remove certificate' }));
    expect(api.clearClientCertificate).toHaveBeenCalledWith({ profileId: 'p1' });
    expect(await screen.findByRole('button', { name: 'Save certificate' })).toBeInTheDocument();
    expect(screen.queryByText(SUMMARY.thumbprint)).not.toBeInTheDocument();
  });

  it('shows main\'s refusal (a wrong password) and keeps what was entered', async () => {
    withSavedProfile();
    api.setClientCertificate.mockRejectedValue(new ApiError('invalid_input', 'Wrong password for the PKCS#12 file: it could not be opened. Enter the password it was exported with.'));
    const user = userEvent.setup();
    render(<ClientCertificateSection />);
    await user.click(await screen.findByLabelText('PKCS#12 file (.p12, .pfx)'));
    await user.click(screen.getByRole('button', { name: 'Save certificate' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the PKCS#12 file (.p12 or .pfx).');
    expect(api.setClientCertificate).not.toHaveBeenCalled();
    await user.upload(screen.getByLabelText('PKCS#12 file'), new File([new Uint8Array([1, 2, 3])], 'client.pfx'));
    await screen.findByText('Chosen: client.pfx');
    await user.type(screen.getByLabelText('Password'), 'typo');
    await user.click(screen.getByRole('button', { name: 'Save certificate' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Wrong password for the PKCS#12 file/);
    expect(screen.getByLabelText('Password')).toHaveValue('typo');
  });

  it('a PEM bundle file fills certificate and key; an expired certificate is stored with its warning', async () => {
    withSavedProfile();
    api.setClientCertificate.mockResolvedValue({ certificate: { ...SUMMARY, format: 'pem', selfSigned: true, warnings: ['Expired on 2026-12-01T00:00:00.000Z: an IdP will refuse it in the TLS handshake.'] } });
    const user = userEvent.setup();
    render(<ClientCertificateSection />);
    await user.upload(await screen.findByLabelText('Certificate file'), new File([`${PEM_CERT}\n${PEM_KEY}\n`], 'bundle.pem'));
    await waitFor(() => expect(screen.getByLabelText('Private key (PEM)')).toHaveValue(PEM_KEY));
    expect(screen.getByLabelText('Certificate (PEM)')).toHaveValue(PEM_CERT);
    await user.click(screen.getByRole('button', { name: 'Save certificate' }));
    expect(api.setClientCertificate).toHaveBeenCalledWith({ profileId: 'p1', certificate: { format: 'pem', certificate: PEM_CERT, privateKey: PEM_KEY } });
    expect(await screen.findByText(/^Expired on 2026-12-01/)).toBeInTheDocument();
    expect(screen.getByText('self-signed')).toBeInTheDocument();
  });

  it('the form offers tls_client_auth and self_signed_tls_client_auth, which need Client certificate', async () => {
    const user = userEvent.setup();
    render(<FlowForm />);
    await user.selectOptions(screen.getByLabelText('Client Authentication'), 'tls_client_auth');
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(await screen.findByText(/tls_client_auth authenticates the client by its TLS client certificate: turn on Client certificate/)).toBeInTheDocument();
    expect(api.startFlow).not.toHaveBeenCalled();
  });
});

describe('trace of a request that presented a client certificate', () => {
  it('names the certificate by subject and thumbprint', () => {
    const entry: TraceEntry = {
      kind: 'token_request',
      at: '2026-11-30T10:00:00.000Z',
      url: 'https://mtls.idp.example/token',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&client_id=app',
      bodyParams: [
        ['grant_type', 'authorization_code'],
        ['client_id', 'app'],
      ],
      clientAuth: 'self_signed_tls_client_auth',
      clientId: 'app',
      tlsClientCertificate: { subject: SUMMARY.subject, thumbprint: SUMMARY.thumbprint },
    };
    render(<ul><TraceEntryView entry={entry} reveal={false} includeSecrets={false} onExported={() => undefined} /></ul>);
    expect(screen.getByText(/Client certificate presented \(mutual TLS\)/)).toHaveTextContent(`${SUMMARY.subject}, x5t#S256 ${SUMMARY.thumbprint}`);
    expect(screen.getByText(/Client authentication: self_signed_tls_client_auth/)).not.toHaveTextContent('client secret');
  });
});
