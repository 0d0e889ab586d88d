// Extra request parameters as key/value rows that can be added, removed and switched off, like
// Postman's params table. Disabled rows are kept (and saved) but not sent. With `sendAs`, each row
// also chooses where it goes (Postman's "Send as"): URL query, request body or header.
import { useId } from 'react';
import type { KeyValueRow } from '../../../shared/settings';
import { useFormStore } from '../../store/form-store';
import { FieldMessages } from './FieldMessages';
import { useFieldIssues } from './form-issues-context';

const SEND_AS: { value: NonNullable<KeyValueRow['sendAs']>; label: string }[] = [
  { value: 'body', label: 'Request body' },
  { value: 'query', label: 'URL query' },
  { value: 'header', label: 'Header' },
];

interface KeyValueRowsProps {
  field: 'extraAuthParams' | 'extraTokenParams' | 'extraRefreshParams' | 'apiHeaders';
  title: string;
  /** Show the Send as column (token and refresh requests; a row without one goes in the body). */
  sendAs?: boolean;
}

export function KeyValueRows({ field, title, sendAs = false }: KeyValueRowsProps) {
  const rows = useFormStore((s) => s.settings[field]);
  const setField = useFormStore((s) => s.setField);
  const issues = useFieldIssues(field);
  const titleId = useId();
  const update = (index: number, change: Partial<KeyValueRow>) => setField(field, rows.map((r, i) => (i === index ? { ...r, ...change } : r)));

  return (
    <div className="field" role="group" aria-labelledby={titleId}>
      <div id={titleId} className="group-title">
        {title}
      </div>
      {rows.length > 0 && (
        <table className="kv-table">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
              {sendAs && <th scope="col">Send as</th>}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className={row.enabled ? undefined : 'disabled-row'}>
                <td>
                  <input type="checkbox" checked={row.enabled} aria-label={`${title}: send row ${i + 1}`} onChange={(e) => update(i, { enabled: e.target.checked })} />
                </td>
                <td>
                  <input type="text" className="mono" value={row.key} aria-label={`${title}: key ${i + 1}`} spellCheck={false} onChange={(e) => update(i, { key: e.target.value })} />
                </td>
                <td>
                  <input type="text" className="mono" value={row.value} aria-label={`${title}: value ${i + 1}`} spellCheck={false} onChange={(e) => update(i, { value: e.target.value })} />
                </td>
                {sendAs && (
                  <td>
                    <select value={row.sendAs ?? 'body'} aria-label={`${title}: send row ${i + 1} as`} onChange={(e) => update(i, { sendAs: e.target.value as KeyValueRow['sendAs'] })}>
                      {SEND_AS.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                )}
                <td>
                  <button type="button" className="link-button" aria-label={`${title}: remove row ${i + 1}`} onClick={() => setField(field, rows.filter((_, j) => j !== i))}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="link-button" id={issues.id} onClick={() => setField(field, [...rows, { key: '', value: '', enabled: true }])}>
        + Add parameter
      </button>
      <FieldMessages issues={issues} />
    </div>
  );
}
