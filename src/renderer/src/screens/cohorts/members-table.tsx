import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import type { CohortEntryT } from '../../../../shared/contract'
import { PriorityChip } from '../../components/priority-chip'
import { formatEthnicity } from '../../format/ethnicity'
import { formatNhsNumber } from '../../format/nhs-number'
import { BpCell } from './bp-cell'

interface Props {
  entries: CohortEntryT[]
  onWhy: (entry: CohortEntryT) => void
}

// Above this many rows only the visible ones are rendered; a practice cohort can run to thousands.
const virtualiseAbove = 80
const rowHeight = 76

interface RowProps {
  entry: CohortEntryT
  onWhy: Props['onWhy']
  /** Virtualised rows report their real height (ethnicity and reasons can wrap). */
  measure?: (element: HTMLTableRowElement | null) => void
  index?: number
}

function MemberRow({ entry, onWhy, measure, index }: RowProps) {
  return (
    <tr style={{ height: rowHeight }} ref={measure} data-index={index}>
      <td className="nowrap">{formatNhsNumber(entry.nhsNumber)}</td>
      <td>
        <button type="button" className="button-link" onClick={() => onWhy(entry)} aria-label={`Why? ${entry.name}`}>
          {entry.name}
        </button>
      </td>
      <td>{entry.age ?? '—'}</td>
      <td className="cell-ethnicity">{formatEthnicity(entry.ethnicity)}</td>
      <td className="cell-bp">
        <BpCell entry={entry} />
      </td>
      <td>
        <PriorityChip priority={entry.priority} />
      </td>
      <td className="cell-reasons">{entry.reasons.join('; ')}</td>
    </tr>
  )
}

function Header() {
  return (
    <thead>
      <tr>
        <th scope="col">NHS number</th>
        <th scope="col">Name (click for why)</th>
        <th scope="col">Age</th>
        <th scope="col">Ethnicity</th>
        <th scope="col">Current BP</th>
        <th scope="col">Priority</th>
        <th scope="col">Reasons</th>
      </tr>
    </thead>
  )
}

export function MembersTable({ entries, onWhy }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtual = entries.length > virtualiseAbove
  const virtualizer = useVirtualizer({
    count: virtual ? entries.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12
  })

  if (!virtual) {
    return (
      <div className="table-wrap">
        <table className="table" aria-label="Cohort members">
          <Header />
          <tbody>
            {entries.map((entry) => (
              <MemberRow key={entry.patientId} entry={entry} onWhy={onWhy} />
            ))}
          </tbody>
        </table>
      </div>
    )
  }

  const items = virtualizer.getVirtualItems()
  const top = items[0]?.start ?? 0
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0)
  return (
    <div className="table-wrap table-virtual" ref={scrollRef} role="region" aria-label="Cohort members (scrolls)" tabIndex={0}>
      <table className="table" aria-label="Cohort members" aria-rowcount={entries.length + 1}>
        <Header />
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true">
              <td colSpan={7} style={{ height: top, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const entry = entries[item.index]
            return entry ? <MemberRow key={entry.patientId} entry={entry} onWhy={onWhy} measure={virtualizer.measureElement} index={item.index} /> : null
          })}
          {bottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={7} style={{ height: bottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
