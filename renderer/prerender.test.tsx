import { act, within } from '@testing-library/react';
import { hydrateRoot, type Root as ReactRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setApiForTests } from './api';
import { renderFirstScreen } from './prerender';
import { Root } from './root';
import { appInfo, createFakeApi } from './test/fake-api';

// No resetStores here: the build pre-renders from the stores' initial state, as a fresh page has it.
afterEach(() => {
  setApiForTests(null);
  vi.restoreAllMocks();
});

describe('the pre-rendered first screen', () => {
  it('is the form with its defaults, in markup the CSP allows (no inline script or style)', () => {
    const markup = renderFirstScreen();
    const page = document.createElement('div');
    page.innerHTML = markup;
    document.body.append(page);
    expect(within(page).getByRole('button', { name: 'Get New Access Token' })).toBeInTheDocument();
    expect(within(page).getByLabelText('Callback URL')).toHaveValue('http://127.0.0.1/callback');
    expect(within(page).getByRole('complementary', { name: 'Profiles' })).toBeInTheDocument();
    expect(markup).not.toMatch(/<script|<style|\sstyle=/i);
    page.remove();
  });

  it('is taken over by React without a mismatch, and its controls wait for that (a click before would be lost)', async () => {
    setApiForTests(createFakeApi(appInfo({ runtime: 'web', version: '9.9.9', authorizeModes: ['browser-loopback'] })));
    const container = document.createElement('div');
    container.innerHTML = renderFirstScreen();
    document.body.append(container);
    const button = within(container).getByRole('button', { name: 'Get New Access Token' });
    const clientId = within(container).getByLabelText('Client ID');
    expect(button).toBeDisabled();
    expect(clientId).toBeDisabled();
    // No fieldset disables a file input for a script that sets its files: it is not there yet.
    expect(within(container).queryByLabelText('Profiles file to import')).toBeNull();
    expect(within(container).queryByLabelText('Collection folder to import')).toBeNull();

    const consoleError = vi.spyOn(console, 'error');
    const recoverable: unknown[] = [];
    let root: ReactRoot | undefined;
    await act(async () => {
      root = hydrateRoot(container, <Root />, { onRecoverableError: (error) => recoverable.push(error) });
    });
    expect(recoverable).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    // The same nodes, now live: hydrated, not drawn again.
    expect(within(container).getByRole('button', { name: 'Get New Access Token' })).toBe(button);
    // Enabled, and still after the app re-rendered with main's answer.
    expect(within(container).getByText(/Browser mode · v9\.9\.9/)).toBeInTheDocument();
    expect(button).toBeEnabled();
    expect(clientId).toBeEnabled();
    expect(within(container).getByLabelText('Profiles file to import')).toHaveAttribute('type', 'file');
    expect(within(container).getByLabelText('Collection folder to import')).toHaveAttribute('type', 'file');
    act(() => root?.unmount());
    container.remove();
  });
});
