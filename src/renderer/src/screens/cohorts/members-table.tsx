import { useMemo } from 'react'
import type { CohortEntryT } from '../../../../shared/contract'
import { DataTable, type Column } from '../../components/data-table'
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
      sortValue: (entry) => entry.name
    },
    { id: 'age', header: 'Age', cell: (entry) => entry.age ?? '—', sortValue: (entry) => entry.age },
    {
      id: 'ethnicity',
      header: 'Ethnicity',
      cell: (entry) => formatEthnicity(entry.ethnicity),
      cellClassName: 'cell-ethnicity',
      sortValue: (entry) => (entry.ethnicity ? formatEthnicity(entry.ethnicity) : null)
    },
    { id: 'bp', header: 'Current BP', cell: (entry) => <BpCell entry={entry} />, cellClassName: 'cell-bp', sortValue: (entry) => entry.bp?.systolic },
    { id: 'priority', header: 'Priority', cell: (entry) => <PriorityChip priority={entry.priority} />, sortValue: (entry) => entry.priority },
    { id: 'reasons', header: 'Reasons', cell: (entry) => entry.reasons.join('; '), cellClassName: 'cell-reasons' }
  ]
}

export function MembersTable({ entries, onWhy }: Props) {
  // Made once per `onWhy`, so sorting thousands of members is not redone on every render.
  const columns = useMemo(() => memberColumns(onWhy), [onWhy])
  return (
    <DataTable label="Cohort members" columns={columns} rows={entries} rowKey={(entry) => entry.patientId} virtualise={{ above: virtualiseAbove, rowHeight }} />
  )
}
