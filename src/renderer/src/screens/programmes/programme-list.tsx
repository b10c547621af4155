// Every programme with its progress at a glance: the latest cohort's size, how many patients it has
// invited, booked and seen (distinct patients over all its builds), its clinics, its status. Open
// programmes first.
import { DataTable } from '../../components/data-table'
import { formatUkDate } from '../../format/uk-date'
import { ProgrammeStatusTag } from './programme-status-tag'
import type { ProgrammeWithProgress } from './programme-types'

function latestCohort(p: ProgrammeWithProgress) {
  const { latestMembers, latestAsOf, snapshots } = p.progress
  if (latestMembers === null) return <span className="muted">Not built yet</span>
  return (
    <>
      {latestMembers} <span className="muted">as of {formatUkDate(latestAsOf)}</span>
      {snapshots > 1 && <div className="muted">{snapshots} builds</div>}
    </>
  )
}

export function ProgrammeList({ programmes, onOpen }: { programmes: ProgrammeWithProgress[]; onOpen: (programme: ProgrammeWithProgress) => void }) {
  return (
    <DataTable<ProgrammeWithProgress>
      label="Programmes"
      rows={programmes}
      rowKey={(p) => p.programmeId}
      rowClassName={(p) => (p.status === 'closed' ? 'row-muted' : undefined)}
      empty={<p>No programmes yet. Start one below, or build a cohort: a build with no programme starts one named after its cohort.</p>}
      columns={[
        {
          id: 'name',
          header: 'Programme',
          cell: (p) => (
            <button type="button" className="button-link programme-open" onClick={() => onOpen(p)} aria-label={`Open programme ${p.name}`}>
              {p.name}
            </button>
          ),
          sortValue: (p) => p.name
        },
        { id: 'cohort', header: 'Cohort', cell: (p) => p.definitionName, sortValue: (p) => p.definitionName },
        { id: 'status', header: 'Status', cell: (p) => <ProgrammeStatusTag status={p.status} />, sortValue: (p) => p.status },
        { id: 'latest', header: 'Latest cohort', cell: latestCohort, numeric: true, sortValue: (p) => p.progress.latestMembers },
        { id: 'invited', header: 'Invited', cell: (p) => p.progress.invited, numeric: true, sortValue: (p) => p.progress.invited },
        { id: 'booked', header: 'Booked', cell: (p) => p.progress.booked, numeric: true, sortValue: (p) => p.progress.booked },
        { id: 'attended', header: 'Attended', cell: (p) => p.progress.attended, numeric: true, sortValue: (p) => p.progress.attended },
        { id: 'clinics', header: 'Clinics', cell: (p) => p.progress.clinics, numeric: true, sortValue: (p) => p.progress.clinics },
        { id: 'start', header: 'Started', cell: (p) => formatUkDate(p.startDate), cellClassName: 'nowrap', sortValue: (p) => p.startDate }
      ]}
    />
  )
}
