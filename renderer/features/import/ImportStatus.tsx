// Under the Import… button: why an import was refused (field by field), or what the last one did.
import { useImportStore } from './import-store';

export function ImportStatus() {
  const { error, outcome, preview, dismiss } = useImportStore();
  // While the preview is open its own dialog shows the error.
  const shown = preview ? null : error;
  if (!shown && !outcome) return null;
  return (
    <div className={shown ? 'notice notice-error' : 'notice'} role={shown ? 'alert' : 'status'}>
      <p>{shown ? shown.message : outcome}</p>
      {shown?.fields && shown.fields.length > 0 && (
        <ul className="field-errors">
          {shown.fields.map((f) => (
            <li key={`${f.field}:${f.message}`}>
              <span className="mono">{f.field}</span>: {f.message}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
