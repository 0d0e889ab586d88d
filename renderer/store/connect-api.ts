// Wires main's events into the stores and loads what main already knows (flows from before a reload,
// the runtime's capabilities). Returns the unsubscribe for the app's unmount.
import type { InspectorApi } from '../../shared/contract';
import { useAppInfoStore } from './app-info-store';
import { useFlowsStore } from './flows-store';
import { useUiStore } from './ui-store';

export function connectApi(api: InspectorApi): () => void {
  const offFlow = api.on('flowUpdated', (snapshot) => useFlowsStore.getState().upsert(snapshot));
  const offNotice = api.on('notice', (notice) => useUiStore.getState().addNotice(notice));
  api.getAppInfo({}).then(
    (info) => useAppInfoStore.getState().setInfo(info),
    (err: unknown) => useAppInfoStore.getState().setError(err instanceof Error ? err.message : String(err)),
  );
  api.listFlows({}).then(
    (flows) => useFlowsStore.getState().upsertMany(flows),
    (err: unknown) => useUiStore.getState().addNotice({ level: 'error', message: `Could not load earlier flows: ${err instanceof Error ? err.message : String(err)}`, at: new Date().toISOString() }),
  );
  return () => {
    offFlow();
    offNotice();
  };
}
