import type { OperationOutput } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'

type CohortSummary = OperationOutput<'cohorts.list'>['cohorts'][number]

interface Props {
  cohorts: CohortSummary[]
  opening: boolean
  /** Opens the build on the Cohorts screen (its members, invitations from it). */
  onOpen: (cohort: CohortSummary) => void
}

/** The programme's cohort builds, newest first. */
export function ProgrammeCohortsTable({ cohorts, opening, onOpen }: Props) {
  return (
    <DataTable<CohortSummary>
      label="Cohort builds of this programme"
      className="nhsuk-table--compact"
      rows={[...cohorts].sort((a, b) => b.cohortId - a.cohortId)}
      rowKey={(cohort) => cohort.cohortId}
      empty={<p>No cohort has been built for this programme yet.</p>}
      columns={[
        { id: 'id', header: 'Cohort', cell: (cohort) => `#${cohort.cohortId}`, sortValue: (cohort) => cohort.cohortId },
        { id: 'as-of', header: 'As of', cell: (cohort) => formatUkDate(cohort.asOf), cellClassName: 'nowrap', sortValue: (cohort) => cohort.asOf },
        { id: 'mode', header: 'Mode', cell: (cohort) => cohort.mode.toUpperCase() },
        { id: 'built', header: 'Built', cell: (cohort) => `${formatUkDateTime(cohort.builtAt)} by ${cohort.builtBy}` },
        { id: 'members', header: 'Members', cell: (cohort) => cohort.memberCount, numeric: true, sortValue: (cohort) => cohort.memberCount },
        { id: 'excluded', header: 'Excluded', cell: (cohort) => cohort.excludedCount, numeric: true, sortValue: (cohort) => cohort.excludedCount },
        {
          id: 'open',
          header: <span className="visually-hidden">Open</span>,
          cell: (cohort) => (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small no-print"
              disabled={opening}
              aria-label={`Open cohort #${cohort.cohortId} on the Cohorts screen`}
              onClick={() => onOpen(cohort)}
            >
              Open
            </button>
          )
        }
      ]}
    />
  )
}
