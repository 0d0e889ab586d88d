import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFormStore } from '../../store/form-store';
import { appInfo } from '../../test/fake-api';
import { resetStores } from '../../test/reset-stores';
import { KeyValueRows } from './KeyValueRows';

beforeEach(() => resetStores(appInfo()));

describe('KeyValueRows Send as', () => {
  it('lets each token request row choose URL query, Request body or Header (body by default)', async () => {
    useFormStore.getState().setField('extraTokenParams', [{ key: 'tenant', value: 'a', enabled: true }]);
    render(<KeyValueRows field="extraTokenParams" title="Extra token request parameters" sendAs />);
    const place = screen.getByRole('combobox', { name: 'Extra token request parameters: send row 1 as' });
    expect(place).toHaveDisplayValue('Request body');
    expect([...(place as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Request body', 'URL query', 'Header']);
    await userEvent.selectOptions(place, 'Header');
    expect(useFormStore.getState().settings.extraTokenParams).toEqual([{ key: 'tenant', value: 'a', enabled: true, sendAs: 'header' }]);
  });

  it('offers no choice for the authorization request: its parameters go in the URL query', () => {
    useFormStore.getState().setField('extraAuthParams', [{ key: 'prompt', value: 'consent', enabled: true }]);
    render(<KeyValueRows field="extraAuthParams" title="Extra authorization request parameters" />);
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});
