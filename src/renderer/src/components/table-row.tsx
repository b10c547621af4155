import type { Ref } from 'react'
import type { Column } from './table-column'

function cellClass<Row>(column: Column<Row>, row: Row): string | undefined {
  const own = typeof column.cellClassName === 'function' ? column.cellClassName(row) : column.cellClassName
  return [own, column.numeric ? 'numeric' : undefined].filter(Boolean).join(' ') || undefined
}

interface Props<Row> {
  row: Row
  columns: readonly Column<Row>[]
  className?: string
  /** A fixed row height (virtualised lists measure rows against it). */
  height?: number
  /** Virtualised rows report their real height (text can wrap) and say which row they are. */
  measure?: Ref<HTMLTableRowElement>
  dataIndex?: number
}

/** One row of a DataTable: a cell per column, a row header where the column says so. */
export function TableRow<Row>({ row, columns, className, height, measure, dataIndex }: Props<Row>) {
  return (
    <tr className={className} style={height === undefined ? undefined : { height }} ref={measure} data-index={dataIndex}>
      {columns.map((column) =>
        column.rowHeader ? (
          <th key={column.id} scope="row" className={cellClass(column, row)} title={column.cellTitle?.(row)}>
            {column.cell(row)}
          </th>
        ) : (
          <td key={column.id} className={cellClass(column, row)} title={column.cellTitle?.(row)}>
            {column.cell(row)}
          </td>
        )
      )}
    </tr>
  )
}
