// The header row of a DataTable. A sortable column's header is a button inside the <th> (so it is
// reached with Tab and pressed with Enter or Space); the sorted column's <th> carries aria-sort, and
// an arrow shows the same to sighted users.
import { isSortable, type Column } from './table-column'
import type { SortDirection, SortState } from './table-sort'

function headerClass<Row>(column: Column<Row>): string | undefined {
  return [column.headerClassName, column.numeric ? 'numeric' : undefined].filter(Boolean).join(' ') || undefined
}

/** Both arrows, the one in use filled in: a sortable header looks sortable before it is pressed. */
function SortArrows({ direction }: { direction: SortDirection | undefined }) {
  return (
    <svg className="table-sort-arrows" viewBox="0 0 10 16" width="10" height="16" aria-hidden="true" focusable="false">
      <path d="M5 1 9 6H1z" className={direction === 'ascending' ? 'table-sort-arrow-on' : 'table-sort-arrow'} />
      <path d="M5 15 1 10h8z" className={direction === 'descending' ? 'table-sort-arrow-on' : 'table-sort-arrow'} />
    </svg>
  )
}

export function TableHead<Row>({ columns, sort, onSort }: { columns: readonly Column<Row>[]; sort: SortState | null; onSort: (columnId: string) => void }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const direction = sort?.columnId === column.id ? sort.direction : undefined
          return (
            <th key={column.id} scope="col" className={headerClass(column)} aria-sort={direction}>
              {isSortable(column) ? (
                <button type="button" className="table-sort" onClick={() => onSort(column.id)}>
                  {column.header}
                  <SortArrows direction={direction} />
                </button>
              ) : (
                column.header
              )}
            </th>
          )
        })}
      </tr>
    </thead>
  )
}
