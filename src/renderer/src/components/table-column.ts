import type { ReactNode } from 'react'

/** What a sortable column sorts by: text (compared as words, numbers inside in number order), a number, or nothing (listed last). */
export type SortValue = string | number | null | undefined

/** One column of a DataTable: its header, how each row fills it, and how (if at all) staff may sort by it. */
export interface Column<Row> {
  /** Unique in the table: the cells' React key and the name the sort remembers. */
  id: string
  header: ReactNode
  cell: (row: Row) => ReactNode
  /** Classes of the column's cells ('nowrap', 'cell-bp'), the same for every row or chosen per row. */
  cellClassName?: string | ((row: Row) => string | undefined)
  /** A tooltip per cell, e.g. the full source behind a short label. */
  cellTitle?: (row: Row) => string | undefined
  headerClassName?: string
  /** Counts: header and cells right-aligned, so the digits line up. */
  numeric?: boolean
  /** The cell names its row for a screen reader (a <th scope="row">), as the first column of a summary table does. */
  rowHeader?: boolean
  /** Makes the column sortable by this value; rows without one go last whichever way it is sorted. */
  sortValue?: (row: Row) => SortValue
  /** Makes the column sortable by this order instead, where a single value does not say it. */
  compare?: (a: Row, b: Row) => number
}

export function isSortable<Row>(column: Column<Row>): boolean {
  return column.sortValue !== undefined || column.compare !== undefined
}
