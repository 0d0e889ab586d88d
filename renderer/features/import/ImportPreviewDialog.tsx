// The preview of an import from another tool: the profiles it would create (each can be left out),
// per profile, field by field, what could not be mapped and why, what cannot be imported at all, and
// one confirmation for storing the client secrets found in the files. Nothing is written before Import.
import { createPortal } from 'react-dom';
import type { ImportDraft } from '../../../shared/import-types';
import { useAppInfoStore } from '../../store/app-info-store';
import { useImportStore } from './import-store';
import './import.css';

export function ImportPreviewDialog() {
  const { preview, chosen, storeSecrets, busy, error, toggle, setStoreSecrets, confirm, cancel } = useImportStore();
  const keychain = useAppInfoStore((s) => s.info?.keychain);
  if (!preview) return null;
  const secrets = preview.drafts.filter((d) => chosen.has(d.key) && d.hasClientSecret).length;

  // On <body>: the sidebar it is opened from is its own stacking context, too narrow and too low.
  return createPortal(
    <div className="import-overlay">
      <div className="import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" onKeyDown={(e) => e.key === 'Escape' && !busy && cancel()}>
        <h2 id="import-title">Import preview</h2>
        <p className="muted">{preview.description}</p>

        {preview.drafts.length === 0 ? (
          <p>No OAuth 2.0 settings with the Authorization Code grant were found: there is nothing to import.</p>
        ) : (
          <section aria-label="Profiles to create">
            <h3>Profiles to create</h3>
            <ul className="import-drafts">
              {preview.drafts.map((d) => (
                <DraftItem key={d.key} draft={d} checked={chosen.has(d.key)} onToggle={() => toggle(d.key)} />
              ))}
            </ul>
          </section>
        )}

        {preview.skipped.length > 0 && (
          <section aria-label="Not imported">
            <h3>Not imported</h3>
            <ul className="import-skipped">
              {preview.skipped.map((s) => (
                <li key={s.source}>
                  <strong>{s.source}</strong>: {s.reason}
                </li>
              ))}
            </ul>
          </section>
        )}

        {secrets > 0 && (
          <label className="import-secrets">
            <input type="checkbox" checked={storeSecrets && keychain?.available !== false} disabled={keychain?.available === false} onChange={(e) => setStoreSecrets(e.target.checked)} />
            Store the {secrets === 1 ? 'client secret' : `${secrets} client secrets`} found in the file in the OS keychain
            {keychain?.available === false && <span className="muted"> (unavailable: {keychain.reason})</span>}
          </label>
        )}

        {error && (
          <div className="notice notice-error" role="alert">
            <p>{error.message}</p>
          </div>
        )}

        <div className="row import-actions">
          {/* The modal's action takes focus: Enter imports, Escape cancels. */}
          <button type="button" className="primary" autoFocus disabled={busy || chosen.size === 0} onClick={() => void confirm()}>
            Import
          </button>
          <button type="button" disabled={busy} onClick={cancel}>
            Cancel
          </button>
          <span className="muted small">{chosen.size === 1 ? '1 profile' : `${chosen.size} profiles`} selected</span>
        </div>
      </div>
    </div>,
    document.body,
  );
}

function DraftItem({ draft, checked, onToggle }: { draft: ImportDraft; checked: boolean; onToggle: () => void }) {
  const s = draft.settings;
  return (
    <li className="import-draft" aria-label={draft.name}>
      <label className="import-draft-name">
        <input type="checkbox" checked={checked} onChange={onToggle} />
        <strong>{draft.name}</strong>
        {draft.hasClientSecret && <span className="secret-badge">client secret found</span>}
      </label>
      <p className="muted small mono">
        {s.clientId || '(no Client ID)'} · {s.authUrl || '(no Auth URL)'}
      </p>
      {draft.sources.length > 1 && <p className="muted small">Identical settings also in: {draft.sources.slice(1).join('; ')}</p>}
      {draft.notes.length > 0 && (
        <ul className="import-notes" aria-label={`Not mapped in ${draft.name}`}>
          {draft.notes.map((n) => (
            <li key={`${n.field}:${n.reason}`}>
              <span className="mono">{n.field}</span>: {n.reason}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
