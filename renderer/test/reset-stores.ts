// Module-level zustand stores outlive a test; each test starts from the app's initial state.
import { defaultFlowSettings } from '../../shared/settings';
import type { AppInfo } from '../../shared/contract';
import { useAppInfoStore } from '../store/app-info-store';
import { useFlowsStore } from '../store/flows-store';
import { useFormStore } from '../store/form-store';
import { useProfilesStore } from '../store/profiles-store';
import { useSecretDraftStore } from '../store/secret-draft-store';
import { useUiStore } from '../store/ui-store';

export function resetStores(info: AppInfo | null): void {
  useFormStore.getState().load(defaultFlowSettings(), null);
  useFlowsStore.setState({ flows: {} });
  useSecretDraftStore.setState({ profileId: null, value: '' });
  useUiStore.setState({ selectedFlowId: null, revealSecrets: false, resultTab: 'tokens', notices: [] });
  useAppInfoStore.setState({ info, error: null });
  useProfilesStore.setState({ profiles: [], notices: [], loaded: true, busy: false, error: null, conflict: null });
}
