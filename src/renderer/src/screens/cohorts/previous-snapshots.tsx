import { useState } from 'react'
import type { CohortComparisonT, CohortSnapshotT, OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'
import { SnapshotComparison } from './snapshot-comparison'

type CohortSummary = OperationOutput<'cohorts.list'>['cohorts'][number]

interface Props {
  version: number
  currentId: number | null
  onOpen: (snapshot: CohortSnapshotT) => void
}

/**
 * Saved snapshots: who was in each cohort, as built, even after the data has changed.
 * Tick two to compare them: who joined, who left, whose priority changed and why.
 */
export function PreviousSnapshots({ version, currentId, onOpen }: Props) {
  const list = useLoad(() => api['cohorts.list']({}), [version])
  const open = useAsyncAction()
  const compare = useAsyncAction()
  const [picked, setPicked] = useState<number[]>([])
  const [comparison, setComparison] = useState<CohortComparisonT | null>(null)
  const cohorts = list.data?.cohorts ?? []

  // At most two: ticking a third drops the first ticked.
  const toggle = (cohortId: number, on: boolean) =>
    setPicked((current) => (on ? [...current.filter((id) => id !== cohortId), cohortId].slice(-2) : current.filter((id) => id !== cohortId)))

  const runCompare = () =>
    void compare.run(async () => {
      // Older build first: "joined" and "left" read forwards in time.
      const [fromCohortId, toCohortId] = [...picked].sort((a, b) => a - b)
      if (fromCohortId === undefined || toCohortId === undefined) throw new Error('Tick two cohorts to compare.')
      setComparison(await api['cohorts.compare']({ fromCohortId, toCohortId }))
    })

  return (
    <>
      <Card
        title="Previous cohorts"
        actions={
          cohorts.length > 1 && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              disabled={picked.length !== 2 || compare.busy}
              onClick={runCompare}
            >
              {compare.busy ? 'Comparing…' : picked.length === 2 ? `Compare #${Math.min(...picked)} with #${Math.max(...picked)}` : 'Tick two to compare'}
            </button>
          )
        }
      >
        <ErrorAlert message={list.error ?? open.error ?? compare.error} />
        {list.loading && !list.data && <p className="muted">Loading…</p>}
        {list.data && (
          <DataTable<CohortSummary>
            label="Previous cohorts"
            rows={cohorts}
            rowKey={(cohort) => cohort.cohortId}
            rowClassName={(cohort) => (cohort.cohortId === currentId ? 'row-selected' : undefined)}
            empty={<p>No cohorts have been built yet.</p>}
            columns={[
              {
                id: 'compare',
                header: 'Compare',
                cell: (cohort) => (
                  <input
                    type="checkbox"
                    aria-label={`Compare cohort #${cohort.cohortId}`}
                    checked={picked.includes(cohort.cohortId)}
                    onChange={(event) => toggle(cohort.cohortId, event.target.checked)}
                  />
                )
              },
              { id: 'id', header: '#', cell: (cohort) => cohort.cohortId },
              { id: 'name', header: 'Cohort', cell: (cohort) => cohort.name },
              { id: 'as-of', header: 'As of', cell: (cohort) => formatUkDate(cohort.asOf), cellClassName: 'nowrap' },
              { id: 'mode', header: 'Mode', cell: (cohort) => cohort.mode.toUpperCase() },
              { id: 'built', header: 'Built', cell: (cohort) => formatUkDateTime(cohort.builtAt), cellClassName: 'nowrap' },
              { id: 'by', header: 'By', cell: (cohort) => cohort.builtBy },
              { id: 'members', header: 'Members', cell: (cohort) => cohort.memberCount },
              { id: 'excluded', header: 'Excluded', cell: (cohort) => cohort.excludedCount },
              {
                id: 'open',
                header: <span className="visually-hidden">Open</span>,
                cell: (cohort) => (
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    disabled={open.busy}
                    aria-label={`Open cohort #${cohort.cohortId}`}
                    onClick={() => void open.run(async () => onOpen(await api['cohorts.get']({ cohortId: cohort.cohortId })))}
                  >
                    Open
                  </button>
                )
              }
            ]}
          />
        )}
      </Card>
      {comparison && <SnapshotComparison comparison={comparison} onClose={() => setComparison(null)} />}
    </>
  )
}
