// The sort a DataTable's user chose: none at first, so a list keeps the order its screen gave it
// (severe first, newest first…) until someone asks for another.
import { useMemo } from 'react'
import { isSortable, type Column, type SortValue } from './table-column'

export type SortDirection = 'ascending' | 'descending'

export interface SortState {
  columnId: string
  direction: SortDirection
}

/** A row with its place in the list as given, which stays its key whatever the sort. */
export interface PlacedRow<Row> {
  row: Row
  index: number
}

/** Ascending, then descending, then back to the list's own order: a third press undoes the sort. */
export function nextSort(current: SortState | null, columnId: string): SortState | null {
  if (current?.columnId !== columnId) return { columnId, direction: 'ascending' }
  return current.direction === 'ascending' ? { columnId, direction: 'descending' } : null
}

const words = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' })

const isBlank = (value: SortValue): value is null | undefined | '' => value === null || value === undefined || value === ''

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return words.compare(String(a), String(b))
}

function sortRows<Row>(rows: PlacedRow<Row>[], column: Column<Row>, direction: SortDirection): PlacedRow<Row>[] {
  const sign = direction === 'ascending' ? 1 : -1
  const { compare, sortValue } = column
  if (compare) return [...rows].sort((a, b) => sign * compare(a.row, b.row))
  if (!sortValue) return rows
  const keyed = rows.map((placed) => ({ placed, value: sortValue(placed.row) }))
  // Array sort is stable: rows that tie keep the list's own order.
  keyed.sort((a, b) => {
    if (isBlank(a.value) || isBlank(b.value)) return Number(isBlank(a.value)) - Number(isBlank(b.value))
    return sign * compareValues(a.value, b.value)
  })
  return keyed.map((k) => k.placed)
}

/** The rows in the order chosen (or as given), each with its original index. */
export function useSortedRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], sort: SortState | null): PlacedRow<Row>[] {
  return useMemo(() => {
    const placed = rows.map((row, index) => ({ row, index }))
    const column = sort ? columns.find((c) => c.id === sort.columnId) : undefined
    return sort && column && isSortable(column) ? sortRows(placed, column, sort.direction) : placed
  }, [rows, columns, sort])
}
