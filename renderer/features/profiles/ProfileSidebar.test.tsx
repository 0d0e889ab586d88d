import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { defaultFlowSettings } from '../../../shared/settings';
import { setApiForTests } from '../../api';
import { useFormStore } from '../../store/form-store';
import { useCurrentHasSecret, useProfilesStore } from '../../store/profiles-store';
import { useSecretDraftStore } from '../../store/secret-draft-store';
import { createFakeApi, type FakeApi } from '../../test/fake-api';
import { backend } from '../../test/profile-backend';
import { readFileText } from './download';
import { ProfileSidebar } from './ProfileSidebar';

let api: FakeApi;
beforeEach(() => {
  api = createFakeApi();
  setApiForTests(api);
  useProfilesStore.setState(useProfilesStore.getInitialState(), true);
  useFormStore.setState(useFormStore.getInitialState(), true);
  useSecretDraftStore.setState(useSecretDraftStore.getInitialState(), true);
});
afterEach(() => {
  setApiForTests(null);
  vi.restoreAllMocks();
});

const sidebar = () => within(screen.getByRole('complementary', { name: 'Profiles' }));
const profileButton = (name: string) => sidebar().getByRole('button', { name: new RegExp(`^${name}`) });

describe('ProfileSidebar', () => {
  it('lists the saved profiles on start and shows what main reported', async () => {
    backend(api, [{ name: 'Okta dev', hasSecret: true }, { name: 'Keycloak' }]);
    api.listProfiles.mockImplementationOnce(async () => ({
      profiles: [{ id: 'id-1', name: 'Okta dev', updatedAt: 't', revision: 0, hasSecret: true }],
      notices: ['Your saved profiles could not be read because it is not valid JSON. The file was kept as /data/profiles.corrupt-x.json'],
    }));
    render(<ProfileSidebar />);
    expect(await sidebar().findByText(/kept as \/data\/profiles\.corrupt-x\.json/)).toBeInTheDocument();
    expect(profileButton('Okta dev')).toHaveAccessibleName(/secret in keychain/);
  });

  it('says so when there are no profiles yet', async () => {
    backend(api);
    render(<ProfileSidebar />);
    expect(await sidebar().findByText(/No saved profiles yet/)).toBeInTheDocument();
  });

  it('creates a profile from a preset, shows its notes, and highlights the placeholders to fill in', async () => {
    backend(api);
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.click(sidebar().getByRole('button', { name: 'New…' }));
    await user.selectOptions(sidebar().getByLabelText('Start from'), 'Okta');
    expect(sidebar().getByText(/yourOktaDomain\} is e\.g\. dev-123456\.okta\.com/)).toBeInTheDocument();
    await user.click(sidebar().getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(api.createProfile).toHaveBeenCalledTimes(1));
    const input = api.createProfile.mock.calls[0]![0];
    expect(input).toMatchObject({ name: 'Okta', presetId: 'okta' });
    expect(input.settings.authUrl).toBe('https://{yourOktaDomain}/oauth2/default/v1/authorize');
    // The form now holds the new profile.
    expect(useFormStore.getState().origin?.profileId).toBe('id-1');
    expect(useFormStore.getState().settings.authUrl).toBe(input.settings.authUrl);
    expect(profileButton('Okta')).toHaveAttribute('aria-current', 'true');

    const status = within(sidebar().getByRole('region', { name: 'Current profile' }));
    expect(status.getByText(/Fill in before starting a flow/)).toBeInTheDocument();
    expect(status.getAllByText('{yourOktaDomain}')[0]!.tagName).toBe('MARK');
    expect(status.getByText('{client_id}')).toBeInTheDocument();
    expect(status.getByText(/Issuer \(for Discover\)/)).toBeInTheDocument();
  });

  it('shows unsaved changes, saves them, and asks before switching away from them', async () => {
    backend(api, [{ name: 'A', settings: { clientId: 'a' } }, { name: 'B', settings: { clientId: 'b' } }]);
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.click(await sidebar().findByRole('button', { name: /^A/ }));
    await waitFor(() => expect(useFormStore.getState().settings.clientId).toBe('a'));
    expect(sidebar().getByText('Saved')).toBeInTheDocument();

    act(() => useFormStore.getState().setField('clientId', 'a-edited'));
    expect(sidebar().getByText('Unsaved changes')).toBeInTheDocument();
    expect(profileButton('A')).toHaveAccessibleName(/unsaved changes/);

    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    await user.click(profileButton('B'));
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/unsaved changes/));
    expect(useFormStore.getState().settings.clientId).toBe('a-edited');
    expect(api.getProfile).toHaveBeenCalledTimes(1);

    await user.click(sidebar().getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sidebar().getByText('Saved')).toBeInTheDocument());
    expect(api.saveProfile).toHaveBeenCalledWith({ id: 'id-1', settings: expect.objectContaining({ clientId: 'a-edited' }), baseRevision: 0 });

    // Saved: switching no longer asks.
    confirm.mockClear();
    await user.click(profileButton('B'));
    await waitFor(() => expect(useFormStore.getState().settings.clientId).toBe('b'));
    expect(confirm).not.toHaveBeenCalled();
  });

  it('asks before a profile replaces settings typed from scratch', async () => {
    backend(api, [{ name: 'A', settings: { clientId: 'a' } }]);
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await sidebar().findByRole('button', { name: /^A/ });
    act(() => useFormStore.getState().setField('clientId', 'typed-not-saved'));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    await user.click(profileButton('A'));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(useFormStore.getState().settings.clientId).toBe('typed-not-saved');

    // Creating a profile from the form as it is keeps them, and does not ask.
    await user.click(sidebar().getByRole('button', { name: 'New…' }));
    await user.selectOptions(sidebar().getByLabelText('Start from'), 'The form as it is now');
    await user.type(sidebar().getByLabelText('Name'), 'Mine');
    await user.click(sidebar().getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(useFormStore.getState().origin).not.toBeNull());
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(api.createProfile.mock.calls[0]![0]).toMatchObject({ name: 'Mine', settings: expect.objectContaining({ clientId: 'typed-not-saved' }) });
    expect(sidebar().getByText('Saved')).toBeInTheDocument();
  });

  it('reports a save conflict and offers to reload the saved version', async () => {
    const { profiles } = backend(api, [{ name: 'Shared', settings: { clientId: 'mine' } }]);
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.click(await sidebar().findByRole('button', { name: /^Shared/ }));
    await waitFor(() => expect(useFormStore.getState().origin).not.toBeNull());
    // Another window saves first.
    profiles.set('id-1', { ...profiles.get('id-1')!, revision: 1, settings: { ...defaultFlowSettings(), clientId: 'theirs' } });
    act(() => useFormStore.getState().setField('scope', 'openid email'));

    await user.click(sidebar().getByRole('button', { name: 'Save' }));
    const alert = await sidebar().findByText(/changed elsewhere/);
    expect(alert).toBeInTheDocument();
    expect(useFormStore.getState().settings.scope).toBe('openid email'); // nothing lost locally

    vi.spyOn(window, 'confirm').mockReturnValueOnce(true);
    await user.click(sidebar().getByRole('button', { name: 'Reload saved version' }));
    await waitFor(() => expect(useFormStore.getState().settings.clientId).toBe('theirs'));
    expect(useFormStore.getState().origin?.revision).toBe(1);
    expect(sidebar().queryByText(/changed elsewhere/)).not.toBeInTheDocument();
  });

  it('renames, duplicates, and deletes only after confirmation', async () => {
    backend(api, [{ name: 'Auth0', hasSecret: true }]);
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await sidebar().findByRole('button', { name: /^Auth0/ });

    await user.click(sidebar().getByText('⋯'));
    await user.click(sidebar().getByRole('button', { name: 'Rename' }));
    const nameInput = sidebar().getByLabelText('New name');
    await user.clear(nameInput);
    await user.type(nameInput, 'Auth0 prod{Enter}');
    expect(await sidebar().findByRole('button', { name: /^Auth0 prod/ })).toBeInTheDocument();
    expect(api.renameProfile).toHaveBeenCalledWith({ id: 'id-1', name: 'Auth0 prod' });

    await user.click(sidebar().getByRole('button', { name: 'Duplicate' }));
    expect(await sidebar().findByRole('button', { name: /^Auth0 prod \(copy\)/ })).toBeInTheDocument();

    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    const actions = within(sidebar().getByRole('group', { name: 'Auth0 prod actions' }));
    await user.click(actions.getByRole('button', { name: 'Delete' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/client secret is removed from the keychain too/));
    expect(api.deleteProfile).not.toHaveBeenCalled();

    confirm.mockReturnValueOnce(true);
    await user.click(actions.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(sidebar().queryByRole('button', { name: /^Auth0 prod\b(?! \(copy)/ })).not.toBeInTheDocument());
    expect(api.deleteProfile).toHaveBeenCalledWith({ id: 'id-1' });
  });

  it('drops a profile deleted in another window, keeping the form as it was', async () => {
    const { profiles } = backend(api, [{ name: 'Gone soon', settings: { clientId: 'kept' } }, { name: 'Other' }]);
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.click(await sidebar().findByRole('button', { name: /^Gone soon/ }));
    await waitFor(() => expect(useFormStore.getState().origin?.profileId).toBe('id-1'));
    profiles.delete('id-1');
    act(() => useFormStore.getState().setField('scope', 'openid edited'));
    await user.click(sidebar().getByRole('button', { name: 'Save' }));
    expect(await sidebar().findByText('gone')).toBeInTheDocument();
    await waitFor(() => expect(sidebar().queryByRole('button', { name: /^Gone soon/ })).not.toBeInTheDocument());
    expect(useFormStore.getState().origin).toBeNull();
    expect(useFormStore.getState().settings).toMatchObject({ clientId: 'kept', scope: 'openid edited' });
  });

  it('lists each import problem with its field and reason', async () => {
    backend(api);
    api.importProfiles.mockRejectedValueOnce(
      new ApiError('import_invalid', 'The file has 2 problems. Nothing was imported.', [
        { field: 'profiles[0].settings.codeChallengeMethod', message: 'Invalid option: expected one of "S256"|"plain"' },
        { field: 'profiles[1].name', message: 'A profile needs a name.' },
      ]),
    );
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.upload(sidebar().getByLabelText('Profiles file to import'), new File(['{"version":2}'], 'p.json', { type: 'application/json' }));
    expect(await sidebar().findByText(/Nothing was imported/)).toBeInTheDocument();
    expect(api.importProfiles).toHaveBeenCalledWith({ json: '{"version":2}' });
    expect(sidebar().getByText('profiles[1].name').parentElement).toHaveTextContent('profiles[1].name: A profile needs a name.');
    expect(sidebar().getByText('profiles[0].settings.codeChallengeMethod')).toBeInTheDocument();
  });

  it('adds imported profiles to the list', async () => {
    backend(api);
    api.importProfiles.mockResolvedValueOnce({ imported: [{ id: 'x', name: 'Imported one', updatedAt: 't', revision: 0, hasSecret: false }] });
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.upload(sidebar().getByLabelText('Profiles file to import'), new File(['{}'], 'p.json'));
    expect(await sidebar().findByRole('button', { name: /^Imported one/ })).toBeInTheDocument();
  });

  it('exports all profiles as a downloaded JSON file', async () => {
    backend(api, [{ name: 'One' }]);
    api.exportProfiles.mockResolvedValueOnce({ json: '{"version":2,"profiles":[]}', fileName: 'pkce-inspector-profiles-2026-01-01.json' });
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:fake'));
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('pkce-inspector-profiles-2026-01-01.json');
      expect(this.href).toBe('blob:fake');
    });
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await sidebar().findByRole('button', { name: /^One/ });
    await user.click(sidebar().getByRole('button', { name: 'Export all' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(api.exportProfiles).toHaveBeenCalledWith({});
    expect(await readFileText(blobs[0]!)).toBe('{"version":2,"profiles":[]}');
  });
});

describe('profiles store: client secret for the form', () => {
  function HasSecret() {
    return <span>{useCurrentHasSecret() ? 'has secret' : 'no secret'}</span>;
  }

  it('tracks hasSecret of the current profile through One Save and clearSecret', async () => {
    backend(api, [{ name: 'Confidential' }]);
    render(<HasSecret />);
    await act(() => useProfilesStore.getState().refresh());
    await act(() => useProfilesStore.getState().open('id-1'));
    expect(screen.getByText('no secret')).toBeInTheDocument();
    act(() => useSecretDraftStore.getState().setTyped('id-1', 'sekrit'));
    await act(async () => expect(await useProfilesStore.getState().saveCurrent()).toBe(true));
    expect(api.setClientSecret).toHaveBeenCalledWith({ profileId: 'id-1', secret: 'sekrit' });
    expect(api.saveProfile).not.toHaveBeenCalled(); // the settings had not changed
    expect(useSecretDraftStore.getState().draft.value).toBe('');
    expect(screen.getByText('has secret')).toBeInTheDocument();
    await act(async () => expect(await useProfilesStore.getState().clearSecret('id-1')).toBe(true));
    expect(screen.getByText('no secret')).toBeInTheDocument();
  });

  it('reports a keychain failure without claiming the secret was stored', async () => {
    backend(api, [{ name: 'Confidential' }]);
    api.setClientSecret.mockRejectedValueOnce(new ApiError('keychain_unavailable', 'The OS keychain could not store the client secret (no bus).'));
    await useProfilesStore.getState().refresh();
    await useProfilesStore.getState().open('id-1');
    useSecretDraftStore.getState().setTyped('id-1', 'sekrit');
    expect(await useProfilesStore.getState().saveCurrent()).toBe(false);
    expect(useProfilesStore.getState().secretProblem).toEqual({ profileId: 'id-1', message: expect.stringMatching(/client secret was NOT kept/) });
    expect(useProfilesStore.getState().profiles[0]!.hasSecret).toBe(false);
    // Still usable in this window: the typed secret is kept for flows.
    expect(useSecretDraftStore.getState().draft).toEqual({ profileId: 'id-1', value: 'sekrit' });
  });
});
