// The profile and its client secret as a user meets them: the sidebar and the form side by side.
// One Save keeps both; nothing says "Saved" while a typed secret would be lost; leaving warns; the one
// keychain notice; a stored secret main refused for a new endpoint is asked for again at the field.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFormStore } from '../../store/form-store';
import { useCurrentProfileId, useProfilesStore } from '../../store/profiles-store';
import { useSecretDraftStore } from '../../store/secret-draft-store';
import { appInfo } from '../../test/fake-api';
import { backend } from '../../test/profile-backend';
import { resetStores } from '../../test/reset-stores';
import { fakeApiPerTest } from '../../test/fake-api-per-test';
import { FlowForm } from '../form/FlowForm';
import { ProfileSidebar } from './ProfileSidebar';

const IDP = { authUrl: 'https://idp.example/authorize', accessTokenUrl: 'https://idp.example/token', clientId: 'app' };
const SECRET = 'typed-s3cret';

const api = fakeApiPerTest();
afterEach(() => {
  vi.restoreAllMocks();
});

function Screen() {
  const id = useCurrentProfileId();
  return (
    <>
      <ProfileSidebar />
      <FlowForm key={id ?? 'unsaved'} />
    </>
  );
}

const sidebar = () => within(screen.getByRole('complementary', { name: 'Profiles' }));
const status = () => within(sidebar().getByRole('region', { name: 'Current profile' }));
const secretField = () => screen.getByLabelText('Client Secret');
const saveButton = () => sidebar().getByRole('button', { name: 'Save' });

async function openProfile(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await sidebar().findByRole('button', { name: new RegExp(`^${name}`) }));
  await waitFor(() => expect(useFormStore.getState().origin).not.toBeNull());
}

function leaveEventPrevented(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('One Save', () => {
  it('stores the settings and a typed secret in the same action, settings first', async () => {
    backend(api, [{ name: 'Okta', settings: IDP }]);
    const user = userEvent.setup({ delay: null });
    render(<Screen />);
    await openProfile(user, 'Okta');
    expect(status().getByText('Saved')).toBeInTheDocument();

    await user.type(secretField(), SECRET);
    // Not "Saved": the secret is only in this window.
    expect(status().getByRole('status')).toHaveTextContent('Unsaved changes (client secret)');
    expect(sidebar().getByRole('button', { name: /^Okta/ })).toHaveAccessibleName(/unsaved changes/);
    act(() => useFormStore.getState().setField('scope', 'openid email'));
    expect(status().getByRole('status')).toHaveTextContent(/^Unsaved changes$/);

    await user.click(saveButton());
    await waitFor(() => expect(status().getByRole('status')).toHaveTextContent(/^Saved$/));
    expect(api.saveProfile).toHaveBeenCalledWith(expect.objectContaining({ id: 'id-1', settings: expect.objectContaining({ scope: 'openid email' }) }));
    expect(api.setClientSecret).toHaveBeenCalledWith({ profileId: 'id-1', secret: SECRET });
    // The secret is bound to the endpoint of the profile as saved, so the settings go first.
    expect(api.saveProfile.mock.invocationCallOrder[0]!).toBeLessThan(api.setClientSecret.mock.invocationCallOrder[0]!);
    expect(secretField()).toHaveValue('•••• stored in keychain');
    expect(sidebar().getByRole('button', { name: /^Okta/ })).toHaveAccessibleName(/secret in keychain/);
    expect(saveButton()).toBeDisabled();
    expect(useSecretDraftStore.getState().draft.value).toBe('');
  });

  it('without a keychain: keeps the settings, says plainly the secret was not kept, and never says Saved', async () => {
    backend(api, [{ name: 'Okta', settings: IDP }]);
    api.setClientSecret.mockRejectedValue(new ApiError('keychain_unavailable', 'The OS keychain could not store the client secret (no Secret Service). Install gnome-keyring.'));
    const user = userEvent.setup({ delay: null });
    render(<Screen />);
    await openProfile(user, 'Okta');
    await user.type(secretField(), SECRET);
    act(() => useFormStore.getState().setField('scope', 'openid email'));
    await user.click(saveButton());

    expect(await status().findByRole('alert')).toHaveTextContent(/client secret was NOT kept: the OS keychain is unavailable.*then enter it again for the next flow/);
    expect(api.saveProfile).toHaveBeenCalledTimes(1);
    expect(status().getByRole('status')).toHaveTextContent('Client secret not kept (no keychain)');
    expect(status().queryByText('Saved')).not.toBeInTheDocument();
    expect(saveButton()).toBeDisabled();

    // The one keychain notice appeared: one line, the reason behind "Why, and how to fix".
    expect(screen.getAllByText(/Why, and how to fix/)).toHaveLength(1);
    const notice = sidebar().getByText('Keychain unavailable: secrets not kept');
    expect(sidebar().getByText(/no Secret Service/)).not.toBeVisible();
    await user.click(notice);
    expect(sidebar().getByText(/no Secret Service/)).toBeVisible();

    // Still used for flows in this window, typed for this flow.
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(api.startFlow).toHaveBeenLastCalledWith(expect.objectContaining({ profileId: 'id-1', clientSecret: { source: 'once', value: SECRET } }));
    expect(leaveEventPrevented()).toBe(true);
  });

  it('shows the keychain notice once, from the start, when main reports no keychain', async () => {
    resetStores(appInfo({ keychain: { available: false, reason: 'The OS keychain could not be reached (Cannot autolaunch D-Bus). On Linux, install libsecret-1-0.' } }));
    backend(api, [{ name: 'Okta', settings: IDP }]);
    const user = userEvent.setup({ delay: null });
    render(<Screen />);
    await openProfile(user, 'Okta');
    expect(screen.getAllByText(/Why, and how to fix/)).toHaveLength(1);
    expect(screen.getAllByText(/Cannot autolaunch D-Bus/)).toHaveLength(1);
    expect(sidebar().queryAllByRole('alert')).toEqual([]);
    await user.type(secretField(), SECRET);
    expect(status().getByRole('status')).toHaveTextContent('Client secret not kept (no keychain)');
  });

  it('takes the keychain status the profile list reports', async () => {
    backend(api, [{ name: 'Okta', settings: IDP }]);
    const list = api.listProfiles.getMockImplementation()!;
    api.listProfiles.mockImplementation(async (input) => ({ ...(await list(input)), keychain: { available: false, reason: 'Keyring is locked.' } }));
    render(<Screen />);
    expect(await sidebar().findByText('Keychain unavailable: secrets not kept')).toBeInTheDocument();
    expect(useAppInfoStore.getState().info?.keychain).toEqual({ available: false, reason: 'Keyring is locked.' });
  });
});

describe('leaving with a typed secret', () => {
  it('warns before reloading or closing, and before switching profiles; nothing once it is saved', async () => {
    backend(api, [{ name: 'A', settings: IDP }, { name: 'B', settings: IDP }]);
    const user = userEvent.setup({ delay: null });
    render(<Screen />);
    await openProfile(user, 'A');
    expect(leaveEventPrevented()).toBe(false);
    await user.type(secretField(), SECRET);
    expect(leaveEventPrevented()).toBe(true);

    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    await user.click(sidebar().getByRole('button', { name: /^B/ }));
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/client secret you typed is not saved and would be lost/));
    expect(useFormStore.getState().origin?.profileId).toBe('id-1');
    expect(secretField()).toHaveValue(SECRET);

    await user.click(saveButton());
    await waitFor(() => expect(secretField()).toHaveValue('•••• stored in keychain'));
    expect(leaveEventPrevented()).toBe(false);
    confirm.mockClear();
    await user.click(sidebar().getByRole('button', { name: /^B/ }));
    await waitFor(() => expect(useFormStore.getState().origin?.profileId).toBe('id-2'));
    expect(confirm).not.toHaveBeenCalled();
  });

  it('forgets the typed secret when the user chooses to discard it', async () => {
    backend(api, [{ name: 'A', settings: IDP }, { name: 'B', settings: IDP }]);
    const user = userEvent.setup({ delay: null });
    render(<Screen />);
    await openProfile(user, 'A');
    await user.type(secretField(), SECRET);
    vi.spyOn(window, 'confirm').mockReturnValueOnce(true);
    await user.click(sidebar().getByRole('button', { name: /^B/ }));
    await waitFor(() => expect(useFormStore.getState().origin?.profileId).toBe('id-2'));
    expect(useSecretDraftStore.getState().draft.value).toBe('');
    expect(secretField()).toHaveValue('');
    expect(leaveEventPrevented()).toBe(false);
  });

  it('a profile created from the form as it is now keeps the secret typed there', async () => {
    backend(api);
    const user = userEvent.setup({ delay: null });
    render(<Screen />);
    for (const [field, value] of Object.entries(IDP)) act(() => useFormStore.getState().setField(field as keyof typeof IDP, value));
    await user.type(secretField(), SECRET);
    expect(leaveEventPrevented()).toBe(true);
    await user.click(sidebar().getByRole('button', { name: 'New…' }));
    await user.selectOptions(sidebar().getByLabelText('Start from'), 'The form as it is now');
    await user.click(sidebar().getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(api.setClientSecret).toHaveBeenCalledWith({ profileId: 'id-1', secret: SECRET }));
    expect(api.createProfile.mock.invocationCallOrder[0]!).toBeLessThan(api.setClientSecret.mock.invocationCallOrder[0]!);
    expect(await screen.findByDisplayValue('•••• stored in keychain')).toBeInTheDocument();
    expect(status().getByRole('status')).toHaveTextContent(/^Saved$/);
  });
});

describe('a stored secret refused for a new endpoint', () => {
  const REFUSAL =
    'The client secret stored for "Okta" was saved for https://idp.example; this flow would send it to https://new.example. It was not sent: a new endpoint can only be confirmed in the desktop app. Enter the secret again in Client Secret to use it for this flow, and Save the profile to keep it for the new Access Token URL.';

  it('says so at the Client Secret field, asks for it again, and Save binds it to the new URL', async () => {
    backend(api, [{ name: 'Okta', settings: IDP, hasSecret: true }]);
    api.startFlow.mockRejectedValueOnce(new ApiError('secret_endpoint_changed', REFUSAL));
    const user = userEvent.setup({ delay: null });
    render(<Screen />);
    await openProfile(user, 'Okta');
    expect(secretField()).toHaveValue('•••• stored in keychain');
    act(() => useFormStore.getState().setField('accessTokenUrl', 'https://new.example/token'));
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(api.startFlow).toHaveBeenLastCalledWith(expect.objectContaining({ clientSecret: { source: 'stored' } }));

    // Told once, at the field, which is open for the secret and focused.
    await waitFor(() => expect(secretField()).toHaveAttribute('type', 'password'));
    expect(screen.getAllByText(REFUSAL)).toHaveLength(1);
    expect(secretField()).toHaveAccessibleDescription(REFUSAL);
    expect(secretField()).toHaveFocus();
    expect(secretField()).toHaveValue('');

    await user.type(secretField(), SECRET);
    await user.click(screen.getByRole('button', { name: 'Get New Access Token' }));
    expect(api.startFlow).toHaveBeenLastCalledWith(expect.objectContaining({ settings: expect.objectContaining({ accessTokenUrl: 'https://new.example/token' }), clientSecret: { source: 'once', value: SECRET } }));
    expect(screen.queryByText(REFUSAL)).not.toBeInTheDocument();

    await user.click(saveButton());
    await waitFor(() => expect(secretField()).toHaveValue('•••• stored in keychain'));
    expect(api.saveProfile).toHaveBeenCalledWith(expect.objectContaining({ settings: expect.objectContaining({ accessTokenUrl: 'https://new.example/token' }) }));
    expect(api.setClientSecret).toHaveBeenCalledWith({ profileId: 'id-1', secret: SECRET });
  });
});

describe('deleting a profile whose secret the keychain keeps', () => {
  it('tells the user the secret is still there and removed at the next start', async () => {
    backend(api, [{ name: 'Okta', settings: IDP, hasSecret: true }]);
    const NOTICE = 'The profile was deleted, but its client secret (if it had one) could not be removed from the OS keychain: locked. It will be removed at the next start of the app.';
    api.deleteProfile.mockResolvedValueOnce({ deleted: true, notice: NOTICE });
    const user = userEvent.setup({ delay: null });
    render(<Screen />);
    await sidebar().findByRole('button', { name: /^Okta/ });
    vi.spyOn(window, 'confirm').mockReturnValueOnce(true);
    await user.click(sidebar().getByText('⋯'));
    await user.click(sidebar().getByRole('button', { name: 'Delete' }));
    expect(await sidebar().findByText(NOTICE)).toBeInTheDocument();
    expect(useProfilesStore.getState().error).toBeNull();
  });
});
