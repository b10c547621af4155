import { useState } from 'react'
import type { CohortComparisonT, CohortSnapshotT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'
import { SnapshotComparison } from './snapshot-comparison'

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
            <button type="button" className="button button-secondary button-small" disabled={picked.length !== 2 || compare.busy} onClick={runCompare}>
              {compare.busy ? 'Comparing…' : picked.length === 2 ? `Compare #${Math.min(...picked)} with #${Math.max(...picked)}` : 'Tick two to compare'}
            </button>
          )
        }
      >
        <ErrorAlert message={list.error ?? open.error ?? compare.error} />
        {list.loading && !list.data && <p className="muted">Loading…</p>}
        {list.data && cohorts.length === 0 && <p>No cohorts have been built yet.</p>}
        {cohorts.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Compare</th>
                  <th scope="col">#</th>
                  <th scope="col">Cohort</th>
                  <th scope="col">As of</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Built</th>
                  <th scope="col">By</th>
                  <th scope="col">Members</th>
                  <th scope="col">Excluded</th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {cohorts.map((cohort) => (
                  <tr key={cohort.cohortId} className={cohort.cohortId === currentId ? 'row-selected' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare cohort #${cohort.cohortId}`}
                        checked={picked.includes(cohort.cohortId)}
                        onChange={(event) => toggle(cohort.cohortId, event.target.checked)}
                      />
                    </td>
                    <td>{cohort.cohortId}</td>
                    <td>{cohort.name}</td>
                    <td className="nowrap">{formatUkDate(cohort.asOf)}</td>
                    <td>{cohort.mode.toUpperCase()}</td>
                    <td className="nowrap">{formatUkDateTime(cohort.builtAt)}</td>
                    <td>{cohort.builtBy}</td>
                    <td>{cohort.memberCount}</td>
                    <td>{cohort.excludedCount}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        disabled={open.busy}
                        aria-label={`Open cohort #${cohort.cohortId}`}
                        onClick={() => void open.run(async () => onOpen(await api['cohorts.get']({ cohortId: cohort.cohortId })))}
                      >
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {comparison && <SnapshotComparison comparison={comparison} onClose={() => setComparison(null)} />}
    </>
  )
}
