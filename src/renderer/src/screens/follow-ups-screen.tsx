// The clinical worklists: follow-ups due this week and overdue, patients
// who did not attend and are to be re-invited, appointments left open in a past clinic (to be marked
// attended or did not attend), and follow-ups met — by a later visit or by a BP
// taken in the clinical system that came in with an import (item 8). The invitation worklists
// (non-responders, invited but not booked) live on the Invitations screen; their counts are here too.
// Each row of a list to book from has its Book action (one row's booking open at a time); a
// did-not-attend on the re-invite list can be undone when it was recorded by mistake.
import '../styles/clinics.css'
import { useState } from 'react'
import type { OperationOutput } from '../../../shared/contract'
import { api } from '../api/client'
import { Card } from '../components/card'
import { DataTable } from '../components/data-table'
import { ErrorAlert } from '../components/error-alert'
import { FocusWhenShown } from '../components/focus-when-shown'
import { FormField } from '../components/form-field'
import { useLoad } from '../components/use-load'
import { formatNhsNumber } from '../format/nhs-number'
import { formatUkDate, todayIso } from '../format/uk-date'
import { useNavigationStore } from '../stores/navigation-store'
import { BookFromWorklist, WorklistBookButton } from './worklists/book-from-worklist'
import { useDidNotAttend } from './clinics/use-did-not-attend'
import { LeftOpenAppointments } from './worklists/left-open-appointments'
import { ReferralsAwaitingOutcome } from './worklists/referrals-awaiting-outcome'
import { addDaysIso } from '../../../shared/domain/iso-date'

type Due = OperationOutput<'followups.due'>['due'][number]
type Done = OperationOutput<'followups.due'>['done'][number]
type Missed = OperationOutput<'worklists.didNotAttend'>['patients'][number]

// Each row's key is also the id prefix of the booking form opened under it.
const dueKey = (item: Due) => `due-${item.patientId}-${item.dueOn}`
const dnaKey = (p: Missed) => `dna-${p.appointmentId}`
const whereTaken = (d: Done) => (d.readingSource === 'import' ? 'Clinical system (imported)' : 'Clinic visit')

export function FollowUpsScreen() {
  const [asOf, setAsOf] = useState(todayIso())
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf)
  const due = useLoad(() => api['followups.due'](valid ? { asOf } : {}), [asOf, valid])
  const dna = useLoad(() => api['worklists.didNotAttend']({}), [])
  const counts = useLoad(() => api['worklists.counts'](valid ? { asOf } : {}), [asOf, valid])
  const go = useNavigationStore((state) => state.go)
  const [bookingFor, setBookingFor] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ text: string; seq: number } | null>(null)
  const list = due.data?.due ?? []
  const done = due.data?.done ?? []
  const overdue = list.filter((item) => item.overdue).length

  const reloadLists = () => {
    due.reload()
    dna.reload()
    counts.reload()
  }
  // An undone did-not-attend in a past clinic is back among the appointments left open.
  const [leftOpenVersion, setLeftOpenVersion] = useState(0)
  const undo = useDidNotAttend(() => {
    setNotice(null)
    setBookingFor(null)
    setLeftOpenVersion((v) => v + 1)
    reloadLists()
  })
  const booked = (message: string) => {
    setNotice((last) => ({ text: message, seq: (last?.seq ?? 0) + 1 }))
    setBookingFor(null)
    undo.clear()
    reloadLists()
  }
  const toggleBooking = (key: string) => {
    setBookingFor(bookingFor === key ? null : key)
    setNotice(null)
  }

  return (
    <div className="screen">
      <h1>Follow-ups</h1>
      <FocusWhenShown token={notice?.seq ?? null}>
        {notice && (
          <p className="alert alert-success" role="status">
            {notice.text}
          </p>
        )}
      </FocusWhenShown>
      <Card title="Follow-ups due">
        <div className="form-row">
          <FormField
            id="followups-as-of"
            label="As of"
            control={(control) => <input {...control} type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />}
          />
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
          <DataTable<Due>
            label="Follow-ups due"
            rows={list}
            rowKey={dueKey}
            rowClassName={(item) => (item.overdue ? 'row-overdue' : undefined)}
            expanded={(item) =>
              bookingFor === dueKey(item) && (
                <BookFromWorklist name={item.name} nhsNumber={item.nhsNumber} idPrefix={dueKey(item)} onBooked={booked} onClose={() => setBookingFor(null)} />
              )
            }
            columns={[
              { id: 'due', header: 'Due', cell: (item) => formatUkDate(item.dueOn), cellClassName: 'nowrap', sortValue: (item) => item.dueOn },
              {
                id: 'nhs',
                header: 'NHS number',
                cell: (item) => formatNhsNumber(item.nhsNumber),
                cellClassName: 'nowrap',
                sortValue: (item) => item.nhsNumber
              },
              { id: 'name', header: 'Name', cell: (item) => item.name, sortValue: (item) => item.name },
              {
                id: 'visit',
                header: 'Visit',
                cell: (item) => (
                  <>
                    {formatUkDate(item.visitDate)} <span className="muted">{item.clinicType}</span>
                  </>
                ),
                cellClassName: 'nowrap',
                sortValue: (item) => item.visitDate
              },
              { id: 'reason', header: 'Reason', cell: (item) => item.reason, sortValue: (item) => item.reason },
              {
                id: 'status',
                header: 'Status',
                cell: (item) =>
                  item.overdue ? <span className="nhsuk-tag nhsuk-tag--red">Overdue</span> : <span className="nhsuk-tag nhsuk-tag--blue">Due</span>,
                sortValue: (item) => (item.overdue ? 'Overdue' : 'Due')
              },
              {
                id: 'booking',
                header: 'Booking',
                cellClassName: 'nowrap',
                cell: (item) =>
                  item.bookedFor ? (
                    <span>Booked {formatUkDate(item.bookedFor)}</span>
                  ) : (
                    <WorklistBookButton
                      idPrefix={dueKey(item)}
                      open={bookingFor === dueKey(item)}
                      label={`Book follow-up for ${item.name}`}
                      onToggle={() => toggleBooking(dueKey(item))}
                    />
                  )
              }
            ]}
          />
        )}
      </Card>

      <Card title="Did not attend — to re-invite">
        <ErrorAlert message={dna.error} />
        {undo.feedback}
        {dna.data && (
          <DataTable<Missed>
            label="Did not attend — to re-invite"
            rows={dna.data.patients}
            rowKey={dnaKey}
            empty={<p>Nobody: everyone who missed a clinic has been booked again.</p>}
            expanded={(p) =>
              bookingFor === dnaKey(p) && (
                <BookFromWorklist name={p.name} nhsNumber={p.nhsNumber} idPrefix={dnaKey(p)} onBooked={booked} onClose={() => setBookingFor(null)} />
              )
            }
            columns={[
              {
                id: 'missed',
                header: 'Missed clinic',
                cell: (p) => (
                  <>
                    {formatUkDate(p.clinicDate)} <span className="muted">{p.clinicType}</span>
                  </>
                ),
                cellClassName: 'nowrap',
                sortValue: (p) => p.clinicDate
              },
              { id: 'nhs', header: 'NHS number', cell: (p) => formatNhsNumber(p.nhsNumber), cellClassName: 'nowrap', sortValue: (p) => p.nhsNumber },
              { id: 'name', header: 'Name', cell: (p) => p.name, sortValue: (p) => p.name },
              {
                id: 'invited',
                header: 'Invited since',
                cell: (p) => (p.invitationsSince === 0 ? 'Not yet' : `${p.invitationsSince} invitation${p.invitationsSince === 1 ? '' : 's'}`),
                sortValue: (p) => p.invitationsSince
              },
              {
                id: 'booking',
                header: 'Booking',
                cellClassName: 'nowrap',
                cell: (p) => (
                  <>
                    <WorklistBookButton
                      idPrefix={dnaKey(p)}
                      open={bookingFor === dnaKey(p)}
                      label={`Book ${p.name} again`}
                      onToggle={() => toggleBooking(dnaKey(p))}
                    />{' '}
                    {/* Recorded by mistake (the patient was seen): put back to booked, off this list. */}
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                      aria-label={`Undo did not attend: ${p.name}`}
                      disabled={undo.busy}
                      onClick={() => undo.undo({ appointmentId: p.appointmentId, name: p.name, start: '' })}
                    >
                      Undo did not attend
                    </button>
                  </>
                )
              }
            ]}
          />
        )}
        <p className="hint">To send a new invitation instead, build or open the cohort and invite it from the Cohorts screen.</p>
      </Card>

      <LeftOpenAppointments
        version={leftOpenVersion}
        onChanged={() => {
          due.reload()
          dna.reload()
          counts.reload()
        }}
      />

      <ReferralsAwaitingOutcome asOf={valid ? asOf : undefined} />

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
        {due.data && (
          <DataTable<Done>
            label="Follow-ups done"
            rows={done}
            rowKey={(d) => `done-${d.patientId}-${d.visitDate}`}
            empty={<p>None yet.</p>}
            columns={[
              {
                id: 'bp',
                header: 'Follow-up BP',
                cell: (d) => <strong>{`${d.reading.systolic}/${d.reading.diastolic}`}</strong>,
                cellClassName: 'nowrap',
                sortValue: (d) => d.reading.systolic
              },
              { id: 'taken', header: 'Taken', cell: (d) => formatUkDate(d.reading.date), cellClassName: 'nowrap', sortValue: (d) => d.reading.date },
              { id: 'where', header: 'Where', cell: (d) => whereTaken(d), sortValue: whereTaken },
              { id: 'nhs', header: 'NHS number', cell: (d) => formatNhsNumber(d.nhsNumber), cellClassName: 'nowrap', sortValue: (d) => d.nhsNumber },
              { id: 'name', header: 'Name', cell: (d) => d.name, sortValue: (d) => d.name },
              { id: 'visit', header: 'After the visit on', cell: (d) => formatUkDate(d.visitDate), cellClassName: 'nowrap', sortValue: (d) => d.visitDate },
              { id: 'was-due', header: 'Was due', cell: (d) => formatUkDate(d.dueOn), cellClassName: 'nowrap', sortValue: (d) => d.dueOn }
            ]}
          />
        )}
      </Card>
    </div>
  )
}
