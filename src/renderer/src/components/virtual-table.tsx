// A DataTable too long to render whole (a practice cohort can run to thousands): only the rows in
// view and a few either side are in the page, between two spacer rows that keep the scrollbar true.
// The table still says how many rows it has (aria-rowcount), and the box scrolls by keyboard.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type Key, type ReactNode } from 'react'
import { ScrollArea } from './scroll-area'
import type { Column } from './table-column'
import { TableRow } from './table-row'
import type { PlacedRow } from './table-sort'

interface Props<Row> {
  label: string
  tableClassName: string
  caption: ReactNode
  head: ReactNode
  columns: readonly Column<Row>[]
  rows: PlacedRow<Row>[]
  rowKey: (row: Row, index: number) => Key
  rowClassName?: (row: Row) => string | undefined
  /** The height a row is estimated at before it is measured. */
  rowHeight: number
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null
  return (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  )
}

export function VirtualTable<Row>({ label, tableClassName, caption, head, columns, rows, rowKey, rowClassName, rowHeight }: Props<Row>) {
  // The hook lives beside the scrolling box it reads, not below it: the box's ref is set before this component's effects run.
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12
  })
  const items = virtualizer.getVirtualItems()
  const top = items[0]?.start ?? 0
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0)
  return (
    <ScrollArea label={label} className="table-virtual" ref={scrollRef}>
      <table className={tableClassName} aria-label={label} aria-rowcount={rows.length + 1}>
        {caption}
        {head}
        <tbody>
          <Spacer height={top} columns={columns.length} />
          {items.map((item) => {
            const placed = rows[item.index]
            return placed ? (
              <TableRow
                key={rowKey(placed.row, placed.index)}
                row={placed.row}
                columns={columns}
                className={rowClassName?.(placed.row)}
                height={rowHeight}
                measure={virtualizer.measureElement}
                dataIndex={item.index}
              />
            ) : null
          })}
          <Spacer height={bottom} columns={columns.length} />
        </tbody>
      </table>
    </ScrollArea>
  )
}
