import type { RejectedRowT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { formatCount } from '../../format/count'

/** Beyond this many the table shows the first ones and points at the CSV (a hostile file can have 100,000). */
const rowsShown = 1000

/** Rows the importer rejected (or flagged), as the practice will find them in the file. Text only: nothing here is ever a link or markup. */
export function RejectedRowsTable({ rows, label = 'Rejected rows' }: { rows: RejectedRowT[]; label?: string }) {
  return (
    <>
      {rows.length > rowsShown && (
        <p className="hint">
          Showing the first {formatCount(rowsShown)} of {formatCount(rows.length)}; the CSV has them all.
        </p>
      )}
      <DataTable<RejectedRowT>
        label={label}
        scroll
        rows={rows.slice(0, rowsShown)}
        rowKey={(row, index) => `${row.file}-${row.row}-${row.column}-${index}`}
        columns={[
          { id: 'file', header: 'File', cell: (row) => row.file },
          { id: 'row', header: 'Row', cell: (row) => row.row },
          { id: 'column', header: 'Column', cell: (row) => row.column },
          { id: 'value', header: 'Value', cell: (row) => row.value ?? '', cellClassName: 'cell-value' },
          { id: 'reason', header: 'Reason', cell: (row) => row.reason }
        ]}
      />
    </>
  )
}
