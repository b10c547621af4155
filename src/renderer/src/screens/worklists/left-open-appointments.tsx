// Appointments left open in a past clinic: still "booked" after the clinic day, so the visit's BP is
// missing and a patient who did not come is not on the re-invite list. Each row is closed where it
// stands, with the same operations as the clinic day view: record the visit (readings, dated on the
// clinic's day) or mark did not attend — confirmed in the row, and undoable from its notice.
import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { formatBp } from '../../format/blood-pressure'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { RecordVisitForm } from '../clinics/record-visit-form'
import { Phq9RiskPrompt } from '../clinics/phq9-risk-prompt'
import { DidNotAttendConfirm } from '../clinics/did-not-attend-confirm'
import { didNotAttendButtonId, useDidNotAttend } from '../clinics/use-did-not-attend'

type LeftOpen = OperationOutput<'worklists.leftOpen'>['appointments'][number]
type AttendResult = OperationOutput<'appointments.attend'>

interface Outcome {
  name: string
  result: AttendResult
}

/**
 * `onChanged` runs after an appointment is closed, so the screen can refresh what depends on it;
 * `version` changes when the screen changed something this list shows (a did-not-attend undone elsewhere).
 */
export function LeftOpenAppointments({ onChanged, version = 0 }: { onChanged: () => void; version?: number }) {
  const list = useLoad(() => api['worklists.leftOpen']({}), [version])
  const [visitFor, setVisitFor] = useState<LeftOpen | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const appointments = list.data?.appointments ?? []

  const closed = (appointment: LeftOpen, result: AttendResult) => {
    setOutcome({ name: appointment.name, result })
    setVisitFor(null)
    list.reload()
    onChanged()
  }

  const dna = useDidNotAttend(() => {
    setOutcome(null)
    setVisitFor(null)
    list.reload()
    onChanged()
  })

  return (
    <Card title="Appointments left open in a past clinic">
      <ErrorAlert message={list.error} />
      {dna.feedback}
      {outcome && <OutcomeMessage outcome={outcome} />}
      {list.data && appointments.length === 0 && <p>None: every past clinic&apos;s appointments are marked attended or did not attend.</p>}
      {appointments.length > 0 && (
        <>
          <p>
            {appointments.length} appointment{appointments.length === 1 ? '' : 's'} still booked after the clinic day. Until each is marked, the visit&apos;s BP
            is missing and a patient who did not come is not on the re-invite list; they do not count as booked into an upcoming clinic.
          </p>
          <DataTable<LeftOpen>
            label="Appointments left open in a past clinic"
            rows={appointments}
            rowKey={(a) => a.appointmentId}
            expanded={(a) =>
              visitFor?.appointmentId === a.appointmentId && (
                <>
                  <p className="hint">The readings are recorded on the clinic&apos;s day, {formatUkDate(a.clinicDate)}.</p>
                  <RecordVisitForm
                    appointmentId={a.appointmentId}
                    patientName={a.name}
                    onCancel={() => setVisitFor(null)}
                    onSaved={(result) => closed(a, result)}
                  />
                </>
              )
            }
            columns={[
              {
                id: 'clinic',
                header: 'Clinic',
                cell: (a) => (
                  <>
                    {formatUkDate(a.clinicDate)} <span className="muted">{a.clinicType}</span>
                  </>
                ),
                cellClassName: 'nowrap',
                sortValue: (a) => a.clinicDate
              },
              { id: 'time', header: 'Time', cell: (a) => a.start, cellClassName: 'nowrap', sortValue: (a) => a.start },
              { id: 'nhs', header: 'NHS number', cell: (a) => formatNhsNumber(a.nhsNumber), cellClassName: 'nowrap', sortValue: (a) => a.nhsNumber },
              { id: 'name', header: 'Name', cell: (a) => a.name, sortValue: (a) => a.name },
              {
                id: 'outcome',
                header: 'Outcome',
                cellClassName: 'nowrap',
                cell: (a) =>
                  dna.confirming === a.appointmentId ? (
                    <DidNotAttendConfirm
                      id={`left-open-${a.appointmentId}-dna-confirm`}
                      name={a.name}
                      start={a.start}
                      when={formatUkDate(a.clinicDate)}
                      busy={dna.busy}
                      onConfirm={() => dna.mark({ appointmentId: a.appointmentId, name: a.name, start: a.start })}
                      onCancel={dna.cancel}
                    />
                  ) : (
                    <>
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--small"
                        aria-label={`Record visit for ${a.name} (clinic ${formatUkDate(a.clinicDate)})`}
                        onClick={() => {
                          setOutcome(null)
                          dna.clear()
                          setVisitFor(visitFor?.appointmentId === a.appointmentId ? null : a)
                        }}
                      >
                        Attended: record visit
                      </button>{' '}
                      <button
                        type="button"
                        id={didNotAttendButtonId(a.appointmentId)}
                        className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
                        aria-label={`Did not attend: ${a.name} (clinic ${formatUkDate(a.clinicDate)})`}
                        disabled={dna.busy}
                        onClick={() => {
                          setOutcome(null)
                          dna.ask(a.appointmentId)
                        }}
                      >
                        Did not attend
                      </button>
                    </>
                  )
              }
            ]}
          />
        </>
      )}
    </Card>
  )
}

/** A visit recorded from the list (a did-not-attend has its own notice, with its undo). */
function OutcomeMessage({ outcome: { name, result } }: { outcome: Outcome }) {
  return (
    <>
      {/* Recorded after the clinic day, the same-day risk prompt still needs acting on today. */}
      {result.visit?.riskPromptText && <Phq9RiskPrompt text={result.visit.riskPromptText} patientName={name} />}
      <p className={result.priority === 'P1' ? 'alert alert-error' : 'alert alert-success'} role="status">
        Visit recorded for {name}: BP <strong>{formatBp(result.bp)}</strong>
        {result.priority ? ` · priority ${result.priority}` : ''}
        {result.followUpDue ? ` · follow-up due ${formatUkDate(result.followUpDue)}` : ''}
        {result.followUpReason ? ` — ${result.followUpReason}` : ''}
      </p>
    </>
  )
}
