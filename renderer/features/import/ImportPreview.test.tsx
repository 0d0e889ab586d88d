// Importing another tool's export through the sidebar: the preview first (drafts, what was not
// mapped and why, what was skipped), nothing written until Import, secrets stored only when confirmed.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import type { ImportPreview } from '../../../shared/import-types';
import { defaultFlowSettings } from '../../../shared/settings';
import { setApiForTests } from '../../api';
import { useAppInfoStore } from '../../store/app-info-store';
import { useProfilesStore } from '../../store/profiles-store';
import { appInfo, createFakeApi, type FakeApi } from '../../test/fake-api';
import { ProfileSidebar } from '../profiles/ProfileSidebar';
import { useImportStore } from './import-store';

const PREVIEW: ImportPreview = {
  format: 'postman',
  description: 'Postman collection v2.1 "Payments API" with environment "Staging"',
  drafts: [
    { key: 'draft-1', name: 'Payments API', sources: ['Payments API'], settings: { ...defaultFlowSettings(), clientId: 'pay' }, hasClientSecret: false, notes: [{ field: 'addTokenTo', reason: 'Not imported: where Postman puts the token.' }] },
    {
      key: 'draft-2',
      name: 'Payments API / Admin / Export',
      sources: ['Payments API / Admin / Export', 'Payments API / Copy'],
      settings: { ...defaultFlowSettings(), clientId: 'reports', scope: '{admin_scope}' },
      hasClientSecret: true,
      notes: [{ field: 'scope', reason: '{{admin_scope}} has no value in the file.' }],
    },
  ],
  skipped: [{ source: 'Payments API / Machine', reason: 'Grant type "client_credentials" is not imported.' }],
};

let api: FakeApi;
beforeEach(() => {
  api = createFakeApi();
  setApiForTests(api);
  useProfilesStore.setState(useProfilesStore.getInitialState(), true);
  useImportStore.setState(useImportStore.getInitialState(), true);
  useAppInfoStore.setState({ info: appInfo() });
});
afterEach(() => setApiForTests(null));

const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

describe('importing from another tool', () => {
  it('previews the drafts with what was not mapped, and imports only the chosen ones on confirmation', async () => {
    api.previewImport.mockResolvedValueOnce(PREVIEW);
    api.applyImport.mockResolvedValueOnce({ imported: [{ id: 'n1', name: 'Payments API / Admin / Export', updatedAt: 't', revision: 0, hasSecret: true }], secretsStored: 1 });
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.upload(screen.getByLabelText('Profiles file to import'), [file('c.json', '{"info":{}}'), file('e.json', '{"values":[]}')]);

    const dialog = await screen.findByRole('dialog', { name: 'Import preview' });
    expect(api.previewImport).toHaveBeenCalledWith({ files: [{ name: 'c.json', text: '{"info":{}}' }, { name: 'e.json', text: '{"values":[]}' }] });
    expect(within(dialog).getByText(PREVIEW.description)).toBeInTheDocument();
    const exportDraft = within(dialog).getByRole('listitem', { name: 'Payments API / Admin / Export' });
    expect(within(exportDraft).getByRole('list', { name: 'Not mapped in Payments API / Admin / Export' })).toHaveTextContent('scope: {{admin_scope}} has no value in the file.');
    expect(exportDraft).toHaveTextContent('Identical settings also in: Payments API / Copy');
    expect(within(dialog).getByRole('region', { name: 'Not imported' })).toHaveTextContent('Payments API / Machine: Grant type "client_credentials" is not imported.');
    expect(api.applyImport).not.toHaveBeenCalled();

    expect(within(dialog).getByRole('checkbox', { name: 'Payments API / Admin / Export client secret found' })).toBeChecked();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Payments API' }));
    await user.click(within(dialog).getByRole('checkbox', { name: /client secret found in the file in the OS keychain/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    await waitFor(() => expect(api.applyImport).toHaveBeenCalledTimes(1));
    expect(api.applyImport.mock.calls[0]![0]).toMatchObject({ keys: ['draft-2'], storeSecrets: true });
    expect(await screen.findByRole('status')).toHaveTextContent('Imported 1 profile. 1 client secret stored in the keychain.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.listProfiles).toHaveBeenCalled();
  });

  it('does not store secrets unless asked, and Cancel writes nothing', async () => {
    api.previewImport.mockResolvedValue(PREVIEW);
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.upload(screen.getByLabelText('Profiles file to import'), file('c.json', '{}'));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.upload(screen.getByLabelText('Profiles file to import'), file('c.json', '{}'));
    expect(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Import' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.applyImport).not.toHaveBeenCalled();

    await user.upload(screen.getByLabelText('Profiles file to import'), file('c.json', '{}'));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(api.applyImport).toHaveBeenCalledTimes(1));
    expect(api.applyImport.mock.calls[0]![0]).toMatchObject({ keys: ['draft-1', 'draft-2'], storeSecrets: false });
  });

  it('shows why a file was refused, field by field', async () => {
    api.previewImport.mockRejectedValueOnce(new ApiError('import_invalid', 'c.json: item[0].item: item must be a list. Nothing was imported.', [{ field: 'c.json: item[0].item', message: 'item must be a list.' }]));
    const user = userEvent.setup();
    render(<ProfileSidebar />);
    await user.upload(screen.getByLabelText('Profiles file to import'), file('c.json', '{}'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was imported.');
    expect(alert).toHaveTextContent('c.json: item[0].item: item must be a list.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('accepts files dropped on the profile list', async () => {
    api.previewImport.mockResolvedValueOnce(PREVIEW);
    render(<ProfileSidebar />);
    const sidebar = screen.getByRole('complementary', { name: 'Profiles' });
    const dropped = file('collection.json', '{"info":{}}');
    const dataTransfer = { types: ['Files'], files: [dropped], items: [] as DataTransferItem[], dropEffect: 'none' };
    fireEvent.dragOver(sidebar, { dataTransfer });
    expect(sidebar).toHaveClass('drop-target');
    fireEvent.drop(sidebar, { dataTransfer });
    expect(await screen.findByRole('dialog', { name: 'Import preview' })).toBeInTheDocument();
    expect(api.previewImport).toHaveBeenCalledWith({ files: [{ name: 'collection.json', text: '{"info":{}}' }] });
    expect(sidebar).not.toHaveClass('drop-target');
  });
});
