import { api } from '../api/client'
import type { OperationOutput } from '../../../shared/contract'
import { Card } from '../components/card'
import { DataTable } from '../components/data-table'
import { ErrorAlert } from '../components/error-alert'
import { useLoad } from '../components/use-load'
import { formatUkDateTime } from '../format/uk-date'
import { describeActivityAction, describeActivityRole } from '../../../shared/format/activity-actions'

type Entry = OperationOutput<'activity.list'>['entries'][number]

export function ActivityScreen() {
  const activity = useLoad(() => api['activity.list']({}), [])
  const entries = activity.data?.entries ?? []
  return (
    <div className="screen">
      <h1>Activity log</h1>
      <Card
        title="Who did what, and when"
        actions={
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={activity.reload}>
            Refresh
          </button>
        }
      >
        <ErrorAlert message={activity.error} />
        {activity.loading && !activity.data && <p className="muted">Loading…</p>}
        {activity.data && (
          <DataTable<Entry>
            label="Activity log"
            rows={entries}
            rowKey={(entry, index) => `${entry.at}-${index}`}
            empty={<p>Nothing has been recorded yet.</p>}
            columns={[
              { id: 'when', header: 'When', cell: (entry) => formatUkDateTime(entry.at), cellClassName: 'nowrap', sortValue: (entry) => entry.at },
              { id: 'who', header: 'Who', cell: (entry) => entry.user, sortValue: (entry) => entry.user },
              { id: 'role', header: 'Role', cell: (entry) => describeActivityRole(entry.role), sortValue: (entry) => describeActivityRole(entry.role) },
              {
                id: 'action',
                header: 'Action',
                cell: (entry) => describeActivityAction(entry.action),
                sortValue: (entry) => describeActivityAction(entry.action)
              },
              { id: 'summary', header: 'Summary', cell: (entry) => entry.summary }
            ]}
          />
        )}
      </Card>
    </div>
  )
}
