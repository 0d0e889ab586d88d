// The DPoP option in the form (switch, algorithm, the key's thumbprint, Rotate DPoP key), a proof
// decoded in the trace, the access token presented with the DPoP scheme (masked), and the tokens'
// DPoP binding with the warning for an IdP that ignored the proof.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignJWT, generateKeyPair, exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import type { TraceEntry } from '../../../shared/flow-types';
import { defaultFlowSettings } from '../../../shared/settings';
import { useFormStore } from '../../store/form-store';
import { dpopKeyInfo } from '../../test/fake-api';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { ActionRequestView } from '../token-actions/ActionTraceViews';
import { TraceEntryView } from '../trace/TraceEntryView';
import { DpopBindingView } from './DpopBindingView';
import { DpopFields } from './DpopFields';

const api = fakeApiPerTest();

const metadata = (algs: string[]) => ({ source: 'https://idp.example/.well-known/openid-configuration', fetchedAt: '2026-11-30T10:00:00Z', metadata: { issuer: 'https://idp.example', dpop_signing_alg_values_supported: algs } });

describe('DPoP in the form', () => {
  it('ticking DPoP shows the key main made: its JWK thumbprint, and that an unsaved profile keeps it in memory only', async () => {
    api.getDpopKey.mockResolvedValue({ key: dpopKeyInfo({ thumbprint: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', ephemeral: true }) });
    const user = userEvent.setup();
    render(<DpopFields />);
    expect(screen.queryByText('Rotate DPoP key')).toBeNull();
    await user.click(screen.getByLabelText('DPoP'));
    expect(useFormStore.getState().settings.dpop).toBe(true);
    expect(await screen.findByLabelText('JWK thumbprint')).toHaveTextContent('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(screen.getByText(/in memory for this app session only/)).toBeInTheDocument();
    expect(api.getDpopKey).toHaveBeenCalledWith({ profileId: null, settings: expect.objectContaining({ dpop: true }) });
  });

  it('Rotate DPoP key asks main for a new key and shows its thumbprint, saying bound tokens stop working', async () => {
    useFormStore.getState().load({ ...defaultFlowSettings(), dpop: true }, { profileId: 'p1', revision: 1, saved: defaultFlowSettings() });
    const user = userEvent.setup();
    render(<DpopFields />);
    expect(await screen.findByLabelText('JWK thumbprint')).toHaveTextContent('fake-thumbprint');
    expect(screen.getByText(/Kept in the OS keychain/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rotate DPoP key' }));
    expect(api.rotateDpopKey).toHaveBeenCalledWith({ profileId: 'p1', settings: expect.objectContaining({ dpop: true }) });
    expect(await screen.findByLabelText('JWK thumbprint')).toHaveTextContent('rotated-thumbprint');
    expect(screen.getByRole('status')).toHaveTextContent(/no longer work/);
  });

  it('the algorithm: from the metadata by default, the others it does not list unavailable; a new choice asks for its key', async () => {
    useFormStore.getState().load({ ...defaultFlowSettings(), dpop: true, metadata: metadata(['PS256', 'ES256']) }, null);
    const user = userEvent.setup();
    render(<DpopFields />);
    const select = screen.getByLabelText('Proof algorithm');
    expect(within(select).getByRole('option', { name: "From the IdP's metadata (ES256)" })).toBeInTheDocument();
    expect(within(select).getByRole<HTMLOptionElement>('option', { name: 'Ed25519' }).disabled).toBe(true);
    await waitFor(() => expect(api.getDpopKey).toHaveBeenCalledTimes(1));
    await user.selectOptions(select, 'PS256');
    expect(useFormStore.getState().settings.dpopAlg).toBe('PS256');
    await waitFor(() => expect(api.getDpopKey).toHaveBeenCalledTimes(2));
    expect(api.getDpopKey).toHaveBeenLastCalledWith({ profileId: null, settings: expect.objectContaining({ dpopAlg: 'PS256' }) });
  });

  it('no usable algorithm, or a key that cannot be read: said plainly', async () => {
    useFormStore.getState().load({ ...defaultFlowSettings(), dpop: true, metadata: metadata(['HS256']) }, null);
    const { unmount } = render(<DpopFields />);
    expect(screen.getByRole('alert')).toHaveTextContent('names no algorithm this app can make a key for');
    expect(api.getDpopKey).not.toHaveBeenCalled();
    unmount();
    api.getDpopKey.mockRejectedValue(new ApiError('keychain_unavailable', 'The keychain could not read a key.'));
    useFormStore.getState().load({ ...defaultFlowSettings(), dpop: true }, { profileId: 'p1', revision: 1, saved: defaultFlowSettings() });
    render(<DpopFields />);
    expect(await screen.findByRole('alert')).toHaveTextContent('DPoP key: The keychain could not read a key.');
  });
});

describe('DPoP in the trace and the tokens', () => {
  it('a request\'s proof is shown decoded (header with the public key, payload with htm, htu, nonce)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const proof = await new SignJWT({ htm: 'POST', htu: 'https://idp.example/token', jti: 'j-1', nonce: 'server-nonce' }).setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk }).setIssuedAt(1_800_000_000).sign(privateKey);
    const entry: TraceEntry = { kind: 'token_request', at: '2026-11-30T10:00:00.000Z', url: 'https://idp.example/token', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: proof }, body: 'grant_type=authorization_code', bodyParams: [['grant_type', 'authorization_code']], clientAuth: 'none', clientId: 'app' };
    render(<ul><TraceEntryView entry={entry} reveal={false} includeSecrets={false} onExported={() => undefined} /></ul>);
    expect(screen.getByText('DPoP proof')).toBeInTheDocument();
    expect(JSON.parse(screen.getByLabelText('Proof header').textContent!)).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk });
    expect(JSON.parse(screen.getByLabelText('Proof payload').textContent!)).toEqual({ htm: 'POST', htu: 'https://idp.example/token', jti: 'j-1', nonce: 'server-nonce', iat: 1_800_000_000 });
    expect(screen.getByText(/carrying the server's nonce/)).toBeInTheDocument();
  });

  it('a DPoP-bound access token is presented with the DPoP scheme, masked until revealed, in the view and in curl', () => {
    const token = 'bound-access-token-value';
    const entry = { kind: 'action_request' as const, at: '2026-11-30T10:00:00.000Z', action: 'userinfo' as const, url: 'https://idp.example/me', method: 'GET', headers: { authorization: `DPoP ${token}`, dpop: 'a.b.c' }, body: '', bodyParams: [], clientAuth: 'bearer' as const, clientId: 'app' };
    render(<ActionRequestView entry={entry} reveal={false} includeSecrets={false} onExported={() => undefined} />);
    expect(screen.getByText(/as a DPoP header, with a DPoP proof/)).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(token);
    expect(screen.getByLabelText('curl command')).toHaveTextContent(`authorization: DPoP •••••• (${token.length} chars)`);
    expect(screen.getByText(/The DPoP proof is for one use/)).toBeInTheDocument();
  });

  it('the binding rows, and a warning when DPoP was used but token_type came back Bearer', () => {
    const { rerender } = render(
      <DpopBindingView
        binding={{
          thumbprint: 'tp-1',
          rows: [
            { name: 'Token type', verdict: 'pass', reason: 'token_type: DPoP — the IdP bound the access token to the DPoP key.' },
            { name: 'Key binding (cnf.jkt)', verdict: 'pass', reason: "cnf.jkt equals the DPoP key's thumbprint tp-1." },
          ],
        }}
      />,
    );
    expect(screen.getByRole('heading', { name: 'DPoP Binding' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Key binding \(cnf\.jkt\) pass/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(<DpopBindingView binding={{ thumbprint: 'tp-1', rows: [{ name: 'Token type', verdict: 'fail', reason: 'token_type: Bearer — ignored.' }] }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('token_type came back Bearer');
    expect(screen.getByRole('row', { name: /Token type fail token_type: Bearer/ })).toBeInTheDocument();
  });
});
