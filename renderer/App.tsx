// The app's layout: profiles on the left, the form in the middle, the flow's status, tokens and trace
// on the right; main's notices above. Connects to main once, on mount. The form shows at once, with
// its defaults, while main is asked what the runtime supports (and the sidebar its profiles, in
// parallel); main checks every request anyway. If main cannot be reached there is no form. A built
// page shows this layout before its script runs (pre-rendered): its controls wait for React.
import { useEffect } from 'react';
import { APP_NAME } from '../shared/app-identity';
import { HydrationGate } from './components/HydrationGate';
import { getApi, runsInBrowser } from './api';
import { ConnectionGate } from './features/errors/ConnectionGate';
import { NoticeBanners } from './features/errors/NoticeBanners';
import { FlowForm } from './features/form/FlowForm';
import { ProfileSidebar } from './features/profiles/ProfileSidebar';
import { ResultsPane } from './features/results/ResultsPane';
import { preloadLazyPanelsWhenIdle } from './lazy/lazy-panels';
import { useAppInfoStore } from './store/app-info-store';
import { connectApi } from './store/connect-api';
import { useCurrentProfileId } from './store/profiles-store';

export function App() {
  const info = useAppInfoStore((s) => s.info);
  const infoError = useAppInfoStore((s) => s.error);
  const profileId = useCurrentProfileId();
  useEffect(() => connectApi(getApi()), []);
  useEffect(() => preloadLazyPanelsWhenIdle(), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>{APP_NAME}</h1>
        {info && (
          <span className="muted small">
            {info.runtime === 'web' ? 'Browser mode' : 'Desktop'} · v{info.version}
          </span>
        )}
        <span className="spacer" />
        <span className="muted small">Authorization Code + PKCE (RFC 7636, RFC 8252)</span>
      </header>
      {infoError ? (
        <ConnectionGate reason={infoError} browserMode={runsInBrowser()} />
      ) : (
        <HydrationGate>
          <NoticeBanners />
          <div className="app-body">
            <ProfileSidebar />
            <main className="workspace">
              <div className="form-column">
                {/* A fresh form per profile: what was touched, a typed secret, "Replace" in progress belong to the last one. */}
                <FlowForm key={profileId ?? 'unsaved'} />
              </div>
              <div className="result-column">
                <ResultsPane />
              </div>
            </main>
          </div>
        </HydrationGate>
      )}
    </div>
  );
}
