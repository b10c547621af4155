import { useState } from 'react'
import { api } from '../api/client'
import { Card } from '../components/card'
import { ErrorAlert } from '../components/error-alert'
import { useLoad } from '../components/use-load'
import { formatNhsNumber } from '../format/nhs-number'
import { formatUkDate, todayIso } from '../format/uk-date'

export function FollowUpsScreen() {
  const [asOf, setAsOf] = useState(todayIso())
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf)
  const due = useLoad(() => api['followups.due'](valid ? { asOf } : {}), [asOf, valid])
  const list = due.data?.due ?? []
  const overdue = list.filter((item) => item.overdue).length

  return (
    <div className="screen">
      <h1>Follow-ups</h1>
      <Card title="Follow-ups due">
        <div className="form-row">
          <div className="field">
            <label htmlFor="followups-as-of">As of</label>
            <input id="followups-as-of" type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
          </div>
        </div>
        <ErrorAlert message={due.error} />
        {due.loading && !due.data && <p className="muted">Loading…</p>}
        {due.data && (
          <p>
            {list.length} follow-up{list.length === 1 ? '' : 's'} due by {formatUkDate(due.data.asOf)}
            {overdue > 0 && (
              <>
                , <strong className="text-error">{overdue} overdue</strong>
              </>
            )}
            .
          </p>
        )}
        {list.length > 0 && (
          <div className="table-wrap">
            <table className="table" aria-label="Follow-ups due">
              <thead>
                <tr>
                  <th scope="col">Due</th>
                  <th scope="col">NHS number</th>
                  <th scope="col">Name</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => (
                  <tr key={`${item.patientId}-${item.dueOn}`} className={item.overdue ? 'row-overdue' : undefined}>
                    <td className="nowrap">{formatUkDate(item.dueOn)}</td>
                    <td className="nowrap">{formatNhsNumber(item.nhsNumber)}</td>
                    <td>{item.name}</td>
                    <td>{item.reason}</td>
                    <td>{item.overdue ? <span className="chip chip-p1">Overdue</span> : <span className="chip chip-ok">Due</span>}</td>
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
