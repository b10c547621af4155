import type { RejectedRowT } from '../../../../shared/contract'
import { ScrollArea } from '../../components/scroll-area'

/** Rows the importer rejected (or flagged), as the practice will find them in the file. Text only: nothing here is ever a link or markup. */
/** Beyond this many the table shows the first ones and points at the CSV (a hostile file can have 100,000). */
const rowsShown = 1000

export function RejectedRowsTable({ rows, label = 'Rejected rows' }: { rows: RejectedRowT[]; label?: string }) {
  return (
    <ScrollArea label={label}>
      {rows.length > rowsShown && (
        <p className="hint">
          Showing the first {rowsShown.toLocaleString('en-GB')} of {rows.length.toLocaleString('en-GB')}; the CSV has them all.
        </p>
      )}
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, rowsShown).map((row, index) => (
            <tr key={`${row.file}-${row.row}-${row.column}-${index}`}>
              <td>{row.file}</td>
              <td>{row.row}</td>
              <td>{row.column}</td>
              <td className="cell-value">{row.value ?? ''}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}
