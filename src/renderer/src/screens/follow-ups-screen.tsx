// The clinical worklists: follow-ups due this week and overdue, patients
// who did not attend and are to be re-invited, appointments left open in a past clinic (to be marked
// attended or did not attend), and follow-ups met — by a later visit or by a BP
// taken in the clinical system that came in with an import (item 8). The invitation worklists
// (non-responders, invited but not booked) live on the Invitations screen; their counts are here too.
import '../styles/clinics.css'
import { Fragment, useState } from 'react'
import { api } from '../api/client'
import { Card } from '../components/card'
import { ErrorAlert } from '../components/error-alert'
import { useLoad } from '../components/use-load'
import { formatNhsNumber } from '../format/nhs-number'
import { formatUkDate, todayIso } from '../format/uk-date'
import { useNavigationStore } from '../stores/navigation-store'
import { BookFromWorklist } from './worklists/book-from-worklist'
import { LeftOpenAppointments } from './worklists/left-open-appointments'
import { addDaysIso } from '../../../shared/domain/iso-date'

export function FollowUpsScreen() {
  const [asOf, setAsOf] = useState(todayIso())
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf)
  const due = useLoad(() => api['followups.due'](valid ? { asOf } : {}), [asOf, valid])
  const dna = useLoad(() => api['worklists.didNotAttend']({}), [])
  const counts = useLoad(() => api['worklists.counts'](valid ? { asOf } : {}), [asOf, valid])
  const go = useNavigationStore((state) => state.go)
  const [bookingFor, setBookingFor] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const list = due.data?.due ?? []
  const done = due.data?.done ?? []
  const overdue = list.filter((item) => item.overdue).length

  const booked = (message: string) => {
    setNotice(message)
    setBookingFor(null)
    due.reload()
    dna.reload()
    counts.reload()
  }

  return (
    <div className="screen">
      <h1>Follow-ups</h1>
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
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
            {list.length} follow-up{list.length === 1 ? '' : 's'} due by {formatUkDate(addDaysIso(due.data.asOf, 7))} (this week)
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
                  <th scope="col">Visit</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Status</th>
                  <th scope="col">Booking</th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => {
                  const key = `due-${item.patientId}-${item.dueOn}`
                  return (
                    <Fragment key={key}>
                      <tr className={item.overdue ? 'row-overdue' : undefined}>
                        <td className="nowrap">{formatUkDate(item.dueOn)}</td>
                        <td className="nowrap">{formatNhsNumber(item.nhsNumber)}</td>
                        <td>{item.name}</td>
                        <td className="nowrap">
                          {formatUkDate(item.visitDate)} <span className="muted">{item.clinicType}</span>
                        </td>
                        <td>{item.reason}</td>
                        <td>{item.overdue ? <span className="chip chip-p1">Overdue</span> : <span className="chip chip-ok">Due</span>}</td>
                        <td className="nowrap">
                          {item.bookedFor ? (
                            <span>Booked {formatUkDate(item.bookedFor)}</span>
                          ) : (
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              aria-label={`Book follow-up for ${item.name}`}
                              onClick={() => setBookingFor(bookingFor === key ? null : key)}
                            >
                              Book
                            </button>
                          )}
                        </td>
                      </tr>
                      {bookingFor === key && (
                        <tr>
                          <td colSpan={7}>
                            <BookFromWorklist name={item.name} nhsNumber={item.nhsNumber} idPrefix={key} onBooked={booked} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card title="Did not attend — to re-invite">
        <ErrorAlert message={dna.error} />
        {dna.data && dna.data.patients.length === 0 && <p>Nobody: everyone who missed a clinic has been booked again.</p>}
        {dna.data && dna.data.patients.length > 0 && (
          <div className="table-wrap">
            <table className="table" aria-label="Did not attend — to re-invite">
              <thead>
                <tr>
                  <th scope="col">Missed clinic</th>
                  <th scope="col">NHS number</th>
                  <th scope="col">Name</th>
                  <th scope="col">Invited since</th>
                  <th scope="col">Booking</th>
                </tr>
              </thead>
              <tbody>
                {dna.data.patients.map((p) => {
                  const key = `dna-${p.appointmentId}`
                  return (
                    <Fragment key={key}>
                      <tr>
                        <td className="nowrap">
                          {formatUkDate(p.clinicDate)} <span className="muted">{p.clinicType}</span>
                        </td>
                        <td className="nowrap">{formatNhsNumber(p.nhsNumber)}</td>
                        <td>{p.name}</td>
                        <td>{p.invitationsSince === 0 ? 'Not yet' : `${p.invitationsSince} invitation${p.invitationsSince === 1 ? '' : 's'}`}</td>
                        <td>
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            aria-label={`Book ${p.name} again`}
                            onClick={() => setBookingFor(bookingFor === key ? null : key)}
                          >
                            Book
                          </button>
                        </td>
                      </tr>
                      {bookingFor === key && (
                        <tr>
                          <td colSpan={5}>
                            <BookFromWorklist name={p.name} nhsNumber={p.nhsNumber} idPrefix={key} onBooked={booked} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="hint">To send a new invitation instead, build or open the cohort and invite it from the Cohorts screen.</p>
      </Card>

      <LeftOpenAppointments
        onChanged={() => {
          due.reload()
          dna.reload()
          counts.reload()
        }}
      />

      <Card title="Invitation worklists">
        {counts.data && (
          <p>
            <strong>{counts.data.invitedNotBooked}</strong> invited but not booked · <strong>{counts.data.nonResponders}</strong> non-responder
            {counts.data.nonResponders === 1 ? '' : 's'} (two unanswered invitations, with the codes to record).{' '}
            <button type="button" className="button-link" onClick={() => go('invitations')}>
              Open the Invitations screen
            </button>
          </p>
        )}
      </Card>

      <Card title="Follow-ups done (last 90 days)">
        {due.data && done.length === 0 && <p>None yet.</p>}
        {done.length > 0 && (
          <div className="table-wrap">
            <table className="table" aria-label="Follow-ups done">
              <thead>
                <tr>
                  <th scope="col">Follow-up BP</th>
                  <th scope="col">Taken</th>
                  <th scope="col">Where</th>
                  <th scope="col">NHS number</th>
                  <th scope="col">Name</th>
                  <th scope="col">After the visit on</th>
                  <th scope="col">Was due</th>
                </tr>
              </thead>
              <tbody>
                {done.map((d) => (
                  <tr key={`done-${d.patientId}-${d.visitDate}`}>
                    <td className="nowrap">
                      <strong>{`${d.reading.systolic}/${d.reading.diastolic}`}</strong>
                    </td>
                    <td className="nowrap">{formatUkDate(d.reading.date)}</td>
                    <td>{d.readingSource === 'import' ? 'Clinical system (imported)' : 'Clinic visit'}</td>
                    <td className="nowrap">{formatNhsNumber(d.nhsNumber)}</td>
                    <td>{d.name}</td>
                    <td className="nowrap">{formatUkDate(d.visitDate)}</td>
                    <td className="nowrap">{formatUkDate(d.dueOn)}</td>
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
