import { api } from '../api/client'
import { Card } from '../components/card'
import { ErrorAlert } from '../components/error-alert'
import { useLoad } from '../components/use-load'
import { formatUkDateTime } from '../format/uk-date'

export function ActivityScreen() {
  const activity = useLoad(() => api['activity.list']({}), [])
  const entries = activity.data?.entries ?? []
  return (
    <div className="screen">
      <h1>Activity log</h1>
      <Card
        title="Who did what, and when"
        actions={
          <button type="button" className="button button-secondary button-small" onClick={activity.reload}>
            Refresh
          </button>
        }
      >
        <ErrorAlert message={activity.error} />
        {activity.loading && !activity.data && <p className="muted">Loading…</p>}
        {activity.data && entries.length === 0 && <p>Nothing has been recorded yet.</p>}
        {entries.length > 0 && (
          <div className="table-wrap">
            <table className="table" aria-label="Activity log">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Role</th>
                  <th scope="col">Action</th>
                  <th scope="col">Summary</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry, index) => (
                  <tr key={`${entry.at}-${index}`}>
                    <td className="nowrap">{formatUkDateTime(entry.at)}</td>
                    <td>{entry.user}</td>
                    <td>{entry.role}</td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>{entry.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}
