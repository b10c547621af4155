import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatBp } from '../../format/blood-pressure'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { BookPatientForm } from './book-patient-form'
import { RecordVisitForm } from './record-visit-form'
import { AppointmentChangePanel } from './appointment-change-panel'
import { FollowUpBooking } from './follow-up-booking'
import { type Appointment, ClinicSlotsTable } from './clinic-slots-table'

type AttendResult = OperationOutput<'appointments.attend'>

interface Props {
  clinicId: number
  onChanged: () => void
}

export function ClinicDetailView({ clinicId, onChanged }: Props) {
  const detail = useLoad(() => api['clinics.get']({ clinicId }), [clinicId])
  const [visitFor, setVisitFor] = useState<Appointment | null>(null)
  const [bookSlot, setBookSlot] = useState<number | null>(null)
  const [outcome, setOutcome] = useState<{ name: string; nhsNumber: string; result: AttendResult } | null>(null)
  const [changeFor, setChangeFor] = useState<Appointment | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  // Bumped after a visit, a did-not-attend or a change, so an old booking message does not linger.
  const [bookFormKey, setBookFormKey] = useState(0)
  const dna = useAsyncAction()

  const changed = () => {
    detail.reload()
    onChanged()
  }

  const markDna = (appointment: Appointment) =>
    void dna.run(async () => {
      const result = await api['appointments.markDidNotAttend']({ appointmentId: appointment.appointmentId })
      setOutcome({ name: appointment.name, nhsNumber: appointment.nhsNumber, result })
      setVisitFor(null)
      setChangeFor(null)
      setBookFormKey((k) => k + 1)
      changed()
    })

  const clinic = detail.data?.clinic
  const slots = detail.data?.slots ?? []
  // A visit or a did-not-attend is recorded on or after the clinic day (the service refuses earlier).
  const notYet = clinic !== undefined && clinic.date > todayIso()
  const freeSlots = slots.filter((slot) => slot.appointment === null || slot.appointment.status === 'cancelled')

  return (
    <Card title={clinic ? `${clinic.type} — ${formatUkDate(clinic.date)} from ${clinic.start}` : `Clinic #${clinicId}`}>
      <ErrorAlert message={detail.error} />
      {clinic && (
        <p className="muted">
          {clinic.clinician ? `Clinician: ${clinic.clinician} · ` : ''}
          {clinic.location ? `Location: ${clinic.location} · ` : ''}
          {clinic.slots} slots of {clinic.slotMinutes} minutes · {clinic.booked} booked · {freeSlots.length} free
        </p>
      )}
      {notYet && clinic && (
        <p className="alert alert-info" role="note">
          This clinic is on {formatUkDate(clinic.date)}: visits and did-not-attends can be recorded from that day. Until then you can book, cancel and rebook.
        </p>
      )}
      {detail.data && (
        <BookPatientForm
          key={bookFormKey}
          clinicId={clinicId}
          freeSlots={freeSlots.map((slot) => ({ slotIndex: slot.slotIndex, start: slot.start }))}
          preferredSlot={bookSlot}
          onBooked={() => {
            setBookSlot(null)
            changed()
          }}
        />
      )}
      <ErrorAlert message={dna.error} />
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      {outcome && <OutcomeMessage name={outcome.name} result={outcome.result} />}
      {outcome?.result.status === 'attended' && outcome.result.followUpDue && clinic && (
        <FollowUpBooking
          key={`${outcome.nhsNumber}-${outcome.result.followUpDue}`}
          name={outcome.name}
          nhsNumber={outcome.nhsNumber}
          visitDate={clinic.date}
          dueOn={outcome.result.followUpDue}
          onBooked={changed}
        />
      )}
      {slots.length > 0 && (
        <ClinicSlotsTable
          slots={slots}
          notYet={notYet}
          dnaBusy={dna.busy}
          onBook={setBookSlot}
          onRecordVisit={(appointment) => {
            setOutcome(null)
            setChangeFor(null)
            setVisitFor(appointment)
          }}
          onDidNotAttend={markDna}
          onChange={(appointment) => {
            setNotice(null)
            setVisitFor(null)
            setChangeFor(appointment)
          }}
        />
      )}
      {changeFor && (
        <AppointmentChangePanel
          key={changeFor.appointmentId}
          appointmentId={changeFor.appointmentId}
          clinicId={clinicId}
          patientName={changeFor.name}
          onClose={() => setChangeFor(null)}
          onDone={(message) => {
            setNotice(message)
            setChangeFor(null)
            setBookFormKey((k) => k + 1)
            changed()
          }}
        />
      )}
      {visitFor && (
        <RecordVisitForm
          key={visitFor.appointmentId}
          appointmentId={visitFor.appointmentId}
          patientName={visitFor.name}
          onCancel={() => setVisitFor(null)}
          onSaved={(result) => {
            setOutcome({ name: visitFor.name, nhsNumber: visitFor.nhsNumber, result })
            setVisitFor(null)
            setBookFormKey((k) => k + 1)
            changed()
          }}
        />
      )}
    </Card>
  )
}

function OutcomeMessage({ name, result }: { name: string; result: AttendResult }) {
  if (result.status === 'did-not-attend') {
    return (
      <div className="alert alert-info" role="status">
        {name} marked as did not attend. They appear on the re-invite list.
        {result.followUpReason ? ` ${result.followUpReason}` : ''}
      </div>
    )
  }
  return (
    <div className={result.priority === 'P1' ? 'alert alert-error' : 'alert alert-success'} role="status">
      <h3 className="alert-title">Visit recorded for {name}</h3>
      <p className="alert-message">
        BP used: <strong>{formatBp(result.bp)}</strong> (lowest systolic and lowest diastolic of today&apos;s readings, NICE NG136 1.2.2)
        {result.priority ? ` · priority ${result.priority}` : ''}
      </p>
      <p className="alert-message">
        Follow-up due: <strong>{formatUkDate(result.followUpDue)}</strong>
        {result.followUpReason ? ` — ${result.followUpReason}` : ''}
      </p>
    </div>
  )
}
