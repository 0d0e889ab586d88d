// The PKCE enforcement probe's live report: the progress line (which case, what it expects, when to
// sign in, with the sign-in link browser mode may need after a popup blocker), Cancel, the table,
// and the exports (Markdown, JSON).
import { useEffect } from 'react';
import { getApi } from '../../api';
import { downloadText, probeMarkdown, probeReport, reportFileName } from './probe-report';
import { useProbeStore } from './probe-store';
import { ProbeTable } from './ProbeTable';
import './probe.css';

export function ProbePanel({ error }: { error: string | null }) {
  const probe = useProbeStore((s) => s.probe);
  useEffect(() => {
    const api = getApi();
    const off = api.on('probeUpdated', (snapshot) => useProbeStore.getState().update(snapshot));
    // After a reload: the last run, if main has one.
    void api
      .getProbe({})
      .then(({ probe: last }) => last && useProbeStore.getState().update(last))
      .catch(() => undefined);
    return off;
  }, []);

  if (!probe && !error) return null;
  const exportAs = (kind: 'md' | 'json') => {
    if (!probe) return;
    const report = probeReport(probe);
    if (kind === 'md') downloadText(probeMarkdown(report), reportFileName(report, 'md'), 'text/markdown');
    else downloadText(JSON.stringify(report, null, 2), reportFileName(report, 'json'), 'application/json');
  };

  return (
    <section className="panel probe-panel" aria-labelledby="probe-title">
      <div className="panel-head">
        <h3 id="probe-title">PKCE enforcement</h3>
        {probe?.status === 'running' && (
          <button type="button" onClick={() => void getApi().cancelProbe({ probeId: probe.probeId }).then((s) => useProbeStore.getState().update(s))}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {probe && (
        <>
          <p className="probe-progress" role="status">
            {probe.progress}{' '}
            {probe.current && (
              <a href={probe.current.authorizationUrl} target="_blank" rel="noopener noreferrer">
                Open the sign-in page
              </a>
            )}
          </p>
          <p className="muted">
            {probe.idp.issuer} · client {probe.client.clientId} ({probe.client.type}) · {new Date(probe.startedAt).toLocaleString()}
          </p>
          <ProbeTable cases={probe.cases} />
          {probe.status !== 'running' && (
            <div className="form-actions">
              <span>Export the report:</span>
              <button type="button" onClick={() => exportAs('md')}>
                Markdown
              </button>
              <button type="button" onClick={() => exportAs('json')}>
                JSON
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
