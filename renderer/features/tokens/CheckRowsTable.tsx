// One table row per check: its name, its verdict word (pass, fail, not checked) and the reason in
// words. Shared by the ID token / access token validation and the DPoP binding sections.
import './validation.css';

type CheckVerdict = 'pass' | 'fail' | 'not checked';

const VERDICT_CLASS: Record<CheckVerdict, string> = { pass: 'verdict-pass', fail: 'verdict-fail', 'not checked': 'verdict-unchecked' };

const HEADINGS = ['Check', 'Verdict', 'Reason'].map((c) => <th key={c} scope="col">{c}</th>);

export function CheckRowsTable({ rows }: { rows: readonly { name: string; verdict: CheckVerdict; reason: string }[] }) {
  return (
    <table className="validation-rows">
      <thead>
        <tr>{HEADINGS}</tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td>
              <span className={`verdict ${VERDICT_CLASS[r.verdict]}`}>{r.verdict}</span>
            </td>
            <td className="wrap">{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
