import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildCurlCommand } from '../../../shared/curl';
import type { TraceEntry } from '../../../shared/flow-types';
import { snapshot } from '../../test/fake-api';
import { maskedSnapshot } from '../trace/mask-snapshot';
import { shownValue } from '../trace/mask';
import { TraceEntryView } from '../trace/TraceEntryView';

const ASSERTION = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJjIn0.c2lnbmF0dXJlLW9mLXRoZS1hc3NlcnRpb24';
const entry: Extract<TraceEntry, { kind: 'token_request' }> = {
  kind: 'token_request',
  at: '2026-11-30T10:00:00.000Z',
  url: 'https://idp.example/token',
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: `grant_type=authorization_code&client_assertion=${ASSERTION}`,
  bodyParams: [
    ['grant_type', 'authorization_code'],
    ['client_id', 'c1'],
    ['client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
    ['client_assertion', ASSERTION],
  ],
  clientAuth: 'private_key_jwt',
  clientId: 'c1',
  clientAssertion: { header: { alg: 'ES256', kid: 'key-1', typ: 'JWT' }, payload: { iss: 'c1', sub: 'c1', aud: 'https://idp.example/token', jti: 'j-1', iat: 1_796_032_800, exp: 1_796_032_860 } },
};

describe('the client assertion in the trace', () => {
  it('shows what was signed, decoded, while the signed value is masked until revealed', () => {
    const { rerender } = render(<TraceEntryView entry={entry} reveal={false} includeSecrets={false} onExported={() => undefined} />);
    expect(screen.getByText(/private_key_jwt: a client assertion signed with the profile’s private key/)).toBeInTheDocument();
    expect(screen.getByText(/valid 60 s, single use/)).toBeInTheDocument();
    const header = screen.getByRole('table', { name: 'Client assertion header' });
    expect(within(header).getByRole('rowheader', { name: 'kid' }).nextElementSibling).toHaveTextContent('key-1');
    const payload = screen.getByRole('table', { name: 'Client assertion payload' });
    expect(within(payload).getByRole('rowheader', { name: 'aud' }).nextElementSibling).toHaveTextContent('https://idp.example/token');
    expect(within(payload).getByRole('rowheader', { name: 'exp' }).nextElementSibling).toHaveTextContent('1796032860 (2026-11-30T10:01:00.000Z)');
    expect(document.body.textContent).not.toContain(ASSERTION);
    rerender(<TraceEntryView entry={entry} reveal includeSecrets={false} onExported={() => undefined} />);
    expect(screen.getByRole('rowheader', { name: 'client_assertion' }).nextElementSibling).toHaveTextContent(ASSERTION);
  });

  it('is masked in exports and curl copies unless secrets are included; the decoded claims stay', () => {
    const flow = maskedSnapshot(snapshot({ trace: [entry] }));
    const text = JSON.stringify(flow);
    expect(text).not.toContain(ASSERTION);
    expect(text).toContain('"kid":"key-1"');
    const masked = buildCurlCommand(entry, (name, value) => shownValue(name, value, false));
    expect(masked.command).not.toContain(ASSERTION);
    expect(masked.notes.join(' ')).toMatch(/valid for 60 s and single-use/);
    expect(buildCurlCommand(entry).command).toContain(`client_assertion=${ASSERTION}`);
  });
});
