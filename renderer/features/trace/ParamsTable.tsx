// Name/value pairs (query, form body, headers) as a compact table.
export function ParamsTable({ rows, caption }: { rows: [string, string][]; caption: string }) {
  if (rows.length === 0) return <p className="muted small">{caption}: none</p>;
  return (
    <table className="params">
      <caption>{caption}</caption>
      <tbody>
        {rows.map(([k, v], i) => (
          <tr key={`${k}-${i}`}>
            <th scope="row" className="mono">
              {k}
            </th>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
