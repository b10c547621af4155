import type { CohortSnapshotT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'

interface Props {
  version: number
  currentId: number | null
  onOpen: (snapshot: CohortSnapshotT) => void
}

/** Saved snapshots: who was in each cohort, as built, even after the data has changed (spec §4.4). */
export function PreviousSnapshots({ version, currentId, onOpen }: Props) {
  const list = useLoad(() => api['cohorts.list']({}), [version])
  const open = useAsyncAction()
  const cohorts = list.data?.cohorts ?? []

  return (
    <Card title="Previous cohorts">
      <ErrorAlert message={list.error ?? open.error} />
      {list.loading && !list.data && <p className="muted">Loading…</p>}
      {list.data && cohorts.length === 0 && <p>No cohorts have been built yet.</p>}
      {cohorts.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
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
  )
}
