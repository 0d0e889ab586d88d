// The form's PAR and JAR options (Use PAR, PAR URL, Sign the authorization request), Use PAR turned on
// by Discover when the IdP requires it, and how a pushed or signed flow shows: its request_uri's
// expiry, the pushed request, the PAR response and the decoded request object in the trace.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { base64UrlEncode, utf8Bytes } from '../../../shared/encoding';
import type { TraceEntry } from '../../../shared/flow-types';
import type { OidcMetadata } from '../../../shared/oidc/metadata';
import { useAppInfoStore } from '../../store/app-info-store';
import { connectApi } from '../../store/connect-api';
import { useFlowsStore } from '../../store/flows-store';
import { useFormStore } from '../../store/form-store';
import { appInfo, snapshot } from '../../test/fake-api';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { fillRequired, pasteInto } from '../../test/form-input';
import { FlowStatusPanel } from '../flow/FlowStatusPanel';
import { FlowForm } from '../form/FlowForm';
import { ResultsPane } from '../results/ResultsPane';
import { maskedSnapshot } from '../trace/mask-snapshot';
import { TracePanel } from '../trace/TracePanel';

const ISSUER = 'https://sso.example.com';
const METADATA: OidcMetadata = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  pushed_authorization_request_endpoint: `${ISSUER}/par`,
  code_challenge_methods_supported: ['S256'],
  token_endpoint_auth_methods_supported: ['none'],
  require_pushed_authorization_requests: true,
};

const api = fakeApiPerTest();

const start = () => screen.getByRole('button', { name: 'Get New Access Token' });

describe('Use PAR and Sign the authorization request in the form', () => {
  it('labels the options under Advanced; Use PAR without a known endpoint is an error naming PAR URL, and no flow starts', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    for (const label of ['Use PAR', 'PAR URL', 'Sign the authorization request']) expect(screen.getByLabelText(label), label).toBeInTheDocument();
    expect(screen.getByLabelText('Use PAR')).not.toBeChecked();
    expect(screen.getByLabelText('Sign the authorization request')).not.toBeChecked();

    await fillRequired(user);
    await user.click(screen.getByLabelText('Use PAR'));
    await user.click(start());
    expect(api.startFlow).not.toHaveBeenCalled();
    expect(screen.getByLabelText('PAR URL')).toHaveFocus();
    expect(screen.getByLabelText('PAR URL')).toHaveAccessibleDescription(expect.stringMatching(/no PAR endpoint is known: fill PAR URL in Advanced, or press Discover/));

    await pasteInto(user, 'PAR URL', 'https://idp.example/par');
    await user.click(start());
    expect(api.startFlow).toHaveBeenCalledWith(expect.objectContaining({ settings: expect.objectContaining({ usePar: true, parUrl: 'https://idp.example/par' }) }));
  });

  it('Sign the authorization request needs the Issuer (the request object\'s aud)', async () => {
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await fillRequired(user);
    await user.click(screen.getByLabelText('Sign the authorization request'));
    await user.click(start());
    expect(api.startFlow).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Sign the authorization request')).toHaveAccessibleDescription(expect.stringMatching(/needs the IdP's Issuer, the request object's aud \(RFC 9101 4\)/));
    await pasteInto(user, 'Issuer', ISSUER);
    await user.click(start());
    expect(api.startFlow).toHaveBeenCalledWith(expect.objectContaining({ settings: expect.objectContaining({ signAuthorizationRequest: true, issuer: ISSUER }) }));
  });

  it('Discover ticks Use PAR when the IdP requires it, and says why; unticked, a warning says the IdP will refuse', async () => {
    api.discover.mockResolvedValueOnce({ ok: true, discovered: { source: `${ISSUER}/.well-known/openid-configuration`, fetchedAt: '2026-01-01T10:00:00.000Z', metadata: METADATA }, warnings: [], trace: [] });
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await pasteInto(user, 'Issuer', ISSUER);
    await user.click(screen.getByRole('button', { name: 'Discover' }));
    await waitFor(() => expect(screen.getByLabelText('Use PAR')).toBeChecked());
    expect(screen.getByText(/Auth URL, Access Token URL and Use PAR filled from the metadata/)).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent("Turned on because the IdP's metadata says require_pushed_authorization_requests: true.");
    // The endpoint comes from the metadata: the field may stay empty, its placeholder shows which.
    expect(screen.getByLabelText('PAR URL')).toHaveAttribute('placeholder', `${ISSUER}/par`);

    await user.click(screen.getByLabelText('Use PAR'));
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Use PAR')).toHaveAccessibleDescription(expect.stringMatching(/requires pushed authorization requests \(require_pushed_authorization_requests: true\): with Use PAR off, expect it to refuse/));
    await fillRequired(user);
    await user.click(start());
    expect(api.startFlow).toHaveBeenCalledWith(expect.objectContaining({ settings: expect.objectContaining({ usePar: false }) }));
  });

  it('Discover leaves Use PAR alone when the requirement was known already (the user unticked it on purpose)', async () => {
    useFormStore.getState().setField('issuer', ISSUER);
    useFormStore.getState().setField('metadata', { source: `${ISSUER}/.well-known/openid-configuration`, fetchedAt: '2026-01-01T09:00:00.000Z', metadata: METADATA });
    api.discover.mockResolvedValueOnce({ ok: true, discovered: { source: `${ISSUER}/.well-known/openid-configuration`, fetchedAt: '2026-01-01T10:00:00.000Z', metadata: METADATA }, warnings: [], trace: [] });
    const user = userEvent.setup({ delay: null });
    render(<FlowForm />);
    await user.click(screen.getByRole('button', { name: 'Discover' }));
    await screen.findByText(/Auth URL and Access Token URL filled from the metadata/);
    expect(screen.getByLabelText('Use PAR')).not.toBeChecked();
  });

  it('browser mode: a flow whose push failed opens no tab', async () => {
    useAppInfoStore.setState({ info: appInfo({ runtime: 'web', authorizeModes: ['browser-loopback'] }) });
    api.startFlow.mockResolvedValueOnce(snapshot({ openedBy: 'renderer', status: 'failed', authorizationUrl: '', error: { kind: 'par_failed', message: 'The PAR endpoint refused the pushed authorization request: invalid_client. No browser was opened.', error: 'invalid_client', httpStatus: 401 } }));
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const disconnect = connectApi(api);
    const user = userEvent.setup({ delay: null });
    render(
      <>
        <FlowForm />
        <ResultsPane />
      </>,
    );
    await fillRequired(user);
    await user.click(start());
    expect(await screen.findByText('The pushed authorization request (PAR) failed')).toBeInTheDocument();
    expect(open).not.toHaveBeenCalled();
    expect(screen.queryByRole('link', { name: 'Open the sign-in page' })).not.toBeInTheDocument();
    disconnect();
    open.mockRestore();
  });
});

const VERIFIER = 'pLainVerifier-0123456789-abcdefghijklmnopqrstuvwxyz';
function pushedTrace(challenge: string): TraceEntry[] {
  const header = { alg: 'ES256', typ: 'oauth-authz-req+jwt', kid: 'k1' };
  const payload = { iss: 'my-client', aud: ISSUER, client_id: 'my-client', state: 'st', code_challenge: challenge, exp: 1767261900, iat: 1767261600 };
  const part = (value: object) => base64UrlEncode(utf8Bytes(JSON.stringify(value)));
  const jwt = `${part(header)}.${part(payload)}.c2ln`;
  return [
    { kind: 'request_object', at: '2026-01-01T10:00:00.000Z', jwt, header, payload },
    {
      kind: 'par_request',
      at: '2026-01-01T10:00:00.010Z',
      url: `${ISSUER}/par`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: 'Basic [redacted]' },
      body: `request=${jwt}`,
      bodyParams: [['request', jwt]],
      clientAuth: 'basic',
      clientId: 'my-client',
    },
    { kind: 'par_response', at: '2026-01-01T10:00:00.050Z', status: 201, statusText: 'Created', headers: { 'content-type': 'application/json' }, body: '{"request_uri":"urn:ietf:params:oauth:request_uri:abc","expires_in":60}', truncated: false, durationMs: 40 },
    { kind: 'authorization_request', at: '2026-01-01T10:00:00.060Z', url: `${ISSUER}/authorize?client_id=my-client&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc`, params: [['client_id', 'my-client'], ['request_uri', 'urn:ietf:params:oauth:request_uri:abc']], mode: 'browser-loopback', redirectUri: 'http://127.0.0.1:53682/callback' },
  ];
}

describe('a pushed, signed flow as shown', () => {
  it('the flow\'s facts say when the request_uri expires', () => {
    render(<FlowStatusPanel flow={snapshot({ par: { endpoint: `${ISSUER}/par`, requestUri: 'urn:ietf:params:oauth:request_uri:abc', expiresIn: 60, pushedAt: '2026-01-01T10:00:00.050Z' } })} />);
    expect(screen.getByText('Pushed (PAR)')).toBeInTheDocument();
    expect(screen.getByText('urn:ietf:params:oauth:request_uri:abc')).toBeInTheDocument();
    expect(screen.getByText(/request_uri expires in 60 s \(at/)).toBeInTheDocument();
  });

  it('the trace shows the decoded request object, the pushed request (secret redacted, Copy as curl) and the PAR response', () => {
    useFlowsStore.getState().upsert(snapshot({ trace: pushedTrace('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM') }));
    render(<TracePanel />);
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['Request object (signed, RFC 9101)', 'Pushed authorization request (PAR)', 'PAR response', 'Authorization request']);
    const signed = screen.getByText('Request object (signed, RFC 9101)').closest('li')!;
    expect(JSON.parse(within(signed).getByLabelText('Request object header').textContent!)).toEqual({ alg: 'ES256', typ: 'oauth-authz-req+jwt', kid: 'k1' });
    expect(JSON.parse(within(signed).getByLabelText('Request object payload').textContent!)).toMatchObject({ iss: 'my-client', aud: ISSUER, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' });
    const pushed = screen.getByText('Pushed authorization request (PAR)').closest('li')!;
    expect(pushed).toHaveTextContent(`POST ${ISSUER}/par`);
    expect(within(pushed).getByRole('rowheader', { name: 'authorization' }).nextElementSibling).toHaveTextContent('Basic [redacted]');
    expect(within(pushed).getByLabelText('curl command').textContent).toContain(`curl -sS -X POST '${ISSUER}/par'`);
    expect(screen.getByText('PAR response').closest('li')).toHaveTextContent('201 Created');
  });

  it('with plain, the request object carries the verifier: masked (and out of exports) until revealed', async () => {
    const flow = snapshot({ trace: pushedTrace(VERIFIER), pkce: { method: 'plain', verifier: VERIFIER, verifierBytesHex: '', challenge: VERIFIER, generated: true, warnings: [] } });
    useFlowsStore.getState().upsert(flow);
    const jwtOf = (f: typeof flow) => (f.trace[0] as Extract<TraceEntry, { kind: 'request_object' }>).jwt;
    const exported = JSON.stringify(maskedSnapshot(flow));
    expect(exported).not.toContain(VERIFIER);
    expect(exported).not.toContain(jwtOf(flow));
    const user = userEvent.setup({ delay: null });
    render(<TracePanel />);
    const jwt = jwtOf(flow);
    expect(document.body.textContent).not.toContain(VERIFIER);
    expect(document.body.textContent).not.toContain(jwt);
    await user.click(screen.getByLabelText('Reveal secrets'));
    expect(document.body.textContent).toContain(VERIFIER);
    expect(document.body.textContent).toContain(jwt);
  });
});
