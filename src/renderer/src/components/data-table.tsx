// The one table of the renderer: a list of rows under column headers, named for screen readers,
// sortable where staff would sort it, a message instead when there is nothing to list, scrolling in
// its own box when long, and rendering only the rows in view when very long.
import { Fragment, useState, type Key, type ReactNode } from 'react'
import { ScrollArea } from './scroll-area'
import type { Column } from './table-column'
import { TableHead } from './table-head'
import { TableRow } from './table-row'
import { nextSort, useSortedRows, type SortState } from './table-sort'
import { VirtualTable } from './virtual-table'

export type { Column } from './table-column'

interface Props<Row> {
  /** The table's accessible name (and its scrolling box's, when it scrolls). */
  label: string
  /** A visible caption above the headers, where the page has no heading that says what the table is. */
  caption?: ReactNode
  columns: readonly Column<Row>[]
  rows: readonly Row[]
  /** `index` is the row's place in `rows`, whatever the sort. */
  rowKey: (row: Row, index: number) => Key
  rowClassName?: (row: Row) => string | undefined
  /** Shown instead of the table when there are no rows (without it an empty list is its headers alone). */
  empty?: ReactNode
  /** Opened under a row, across every column (a form started from that row), or nothing. */
  expanded?: (row: Row) => ReactNode
  /** Rows of the same columns in a <tfoot>, e.g. a total. */
  footer?: readonly Row[]
  /** Classes besides `nhsuk-table`: 'nhsuk-table--compact', 'table-outcome'… */
  className?: string
  /** Scroll in a box of fixed height (a ScrollArea) instead of growing with the page; a string adds its class. */
  scroll?: boolean | string
  /** Beyond `above` rows render only those in view, each estimated at `rowHeight` px (which every row gets). */
  virtualise?: { above: number; rowHeight: number }
}

export function DataTable<Row>(props: Props<Row>) {
  const { label, caption, columns, rows, rowKey, rowClassName, empty, expanded, footer, className, scroll, virtualise } = props
  const [sort, setSort] = useState<SortState | null>(null)
  const sorted = useSortedRows(rows, columns, sort)

  if (rows.length === 0 && empty !== undefined) return <>{empty}</>

  const tableClassName = className ? `nhsuk-table ${className}` : 'nhsuk-table'
  const captionNode = caption === undefined ? null : <caption className="table-caption">{caption}</caption>
  const head = <TableHead columns={columns} sort={sort} onSort={(columnId) => setSort((current) => nextSort(current, columnId))} />

  if (virtualise && rows.length > virtualise.above) {
    return (
      <VirtualTable
        label={label}
        tableClassName={tableClassName}
        caption={captionNode}
        head={head}
        columns={columns}
        rows={sorted}
        rowKey={rowKey}
        rowClassName={rowClassName}
        rowHeight={virtualise.rowHeight}
      />
    )
  }

  const table = (
    <table className={tableClassName} aria-label={label}>
      {captionNode}
      {head}
      <tbody>
        {sorted.map(({ row, index }) => {
          const opened = expanded?.(row)
          return (
            <Fragment key={rowKey(row, index)}>
              <TableRow row={row} columns={columns} className={rowClassName?.(row)} height={virtualise?.rowHeight} />
              {opened ? (
                <tr>
                  <td colSpan={columns.length}>{opened}</td>
                </tr>
              ) : null}
            </Fragment>
          )
        })}
      </tbody>
      {footer && footer.length > 0 && (
        <tfoot>
          {footer.map((row, index) => (
            <TableRow key={index} row={row} columns={columns} />
          ))}
        </tfoot>
      )}
    </table>
  )
  if (scroll)
    return (
      <ScrollArea label={label} className={typeof scroll === 'string' ? scroll : undefined}>
        {table}
      </ScrollArea>
    )
  return <div className="table-wrap">{table}</div>
}
