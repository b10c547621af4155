import { useMemo, useState } from 'react'
import type { CohortEntryT } from '../../../../shared/contract'
import { DataTable, type Column } from '../../components/data-table'
import { PriorityChip } from '../../components/priority-chip'
import { formatEthnicity } from '../../format/ethnicity'
import { formatNhsNumber } from '../../format/nhs-number'
import '../../styles/cohorts.css'
import { CompactBpCell } from './compact-bp-cell'
import { filterMembers, noFilter, type MemberFilter } from './member-filter'
import { MemberFilterBar } from './member-filter-bar'
import { ReasonsCell } from './reasons-cell'
import { formatCount } from '../../format/count'

interface Props {
  entries: CohortEntryT[]
  onWhy: (entry: CohortEntryT) => void
}

// Above this many rows only the visible ones are rendered; a practice cohort can run to thousands.
const virtualiseAbove = 80
// One line of text and compact padding: a dozen or more patients fit in the list's box at 1366×768.
// A row opened with "More" grows and is measured; this is only the estimate.
const rowHeight = 36

function memberColumns(onWhy: Props['onWhy']): Column<CohortEntryT>[] {
  return [
    { id: 'nhs', header: 'NHS number', cell: (entry) => formatNhsNumber(entry.nhsNumber), cellClassName: 'nowrap', sortValue: (entry) => entry.nhsNumber },
    {
      id: 'name',
      header: 'Name (click for why)',
      cell: (entry) => (
        <button type="button" className="button-link" onClick={() => onWhy(entry)} aria-label={`Why? ${entry.name}`}>
          {entry.name}
        </button>
      ),
      cellClassName: 'nowrap',
      sortValue: (entry) => entry.name
    },
    { id: 'age', header: 'Age', cell: (entry) => entry.age ?? '—', sortValue: (entry) => entry.age },
    {
      id: 'ethnicity',
      header: 'Ethnicity',
      cell: (entry) => <span className="ethnicity-compact">{formatEthnicity(entry.ethnicity)}</span>,
      cellTitle: (entry) => formatEthnicity(entry.ethnicity),
      sortValue: (entry) => (entry.ethnicity ? formatEthnicity(entry.ethnicity) : null)
    },
    { id: 'bp', header: 'Current BP', cell: (entry) => <CompactBpCell entry={entry} />, sortValue: (entry) => entry.bp?.systolic },
    { id: 'priority', header: 'Priority', cell: (entry) => <PriorityChip priority={entry.priority} />, sortValue: (entry) => entry.priority },
    {
      id: 'reasons',
      header: 'Reasons',
      cell: (entry) => <ReasonsCell name={entry.name} reasons={entry.reasons} bpRule={entry.bpRule} />,
      cellClassName: 'cell-reasons-compact'
    }
  ]
}

export function MembersTable({ entries, onWhy }: Props) {
  const [filter, setFilter] = useState<MemberFilter>(noFilter)
  // Made once per `onWhy`, so sorting thousands of members is not redone on every render.
  const columns = useMemo(() => memberColumns(onWhy), [onWhy])
  const shown = useMemo(() => filterMembers(entries, filter), [entries, filter])
  return (
    <>
      <MemberFilterBar entries={entries} filter={filter} onChange={setFilter} />
      <p className="member-filter-count" role="status">
        Showing {formatCount(shown.length)} of {formatCount(entries.length)}
      </p>
      <DataTable
        label="Cohort members"
        className="nhsuk-table--compact table-members"
        columns={columns}
        rows={shown}
        rowKey={(entry) => entry.patientId}
        empty={<p className="muted">No members match these filters.</p>}
        virtualise={{ above: virtualiseAbove, rowHeight }}
      />
    </>
  )
}
