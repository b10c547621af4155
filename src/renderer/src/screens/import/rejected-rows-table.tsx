import type { RejectedRowT } from '../../../../shared/contract'

export function RejectedRowsTable({ rows }: { rows: RejectedRowT[] }) {
  return (
    <div className="table-wrap table-scroll">
      <table className="table" aria-label="Rejected rows">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.file}-${row.row}-${row.column}-${index}`}>
              <td>{row.file}</td>
              <td>{row.row}</td>
              <td>{row.column}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
