// One clinic session, open: its slots, the booking form, and what is recorded at each appointment.
// Only one is open on the Clinics screen at a time, and every id inside is made from the clinic's or
// the appointment's id, so nothing here can be confused with another clinic's control.
import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FocusWhenShown } from '../../components/focus-when-shown'
import { useLoad } from '../../components/use-load'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { BookPatientForm, type SlotRequest } from './book-patient-form'
import { useDidNotAttend } from './use-did-not-attend'
import { RecordVisitForm } from './record-visit-form'
import { AppointmentChangePanel } from './appointment-change-panel'
import { FollowUpBooking } from './follow-up-booking'
import { type Appointment, ClinicSlotsTable } from './clinic-slots-table'
import { Phq9RiskPrompt } from './phq9-risk-prompt'
import { VisitOutcome } from './visit-outcome'

type AttendResult = OperationOutput<'appointments.attend'>

interface Props {
  clinicId: number
  onChanged: () => void
}

export function ClinicDetailView({ clinicId, onChanged }: Props) {
  const detail = useLoad(() => api['clinics.get']({ clinicId }), [clinicId])
  const [visitFor, setVisitFor] = useState<Appointment | null>(null)
  const [slotRequest, setSlotRequest] = useState<SlotRequest | null>(null)
  const [outcome, setOutcome] = useState<{ name: string; nhsNumber: string; appointmentId: number; result: AttendResult } | null>(null)
  // A same-day risk prompt stays on screen after its visit is saved, through the next visits, until
  // the clinician says the risk has been assessed.
  const [riskPrompts, setRiskPrompts] = useState<{ appointmentId: number; name: string; text: string }[]>([])
  const [changeFor, setChangeFor] = useState<Appointment | null>(null)
  const [notice, setNotice] = useState<{ text: string; seq: number } | null>(null)
  // Bumped after a visit, a did-not-attend or a change, so an old booking message does not linger.
  const [bookFormKey, setBookFormKey] = useState(0)

  const changed = () => {
    detail.reload()
    onChanged()
  }
  // A new booking form must not take focus again for a Book press it has already answered.
  const resetBookForm = () => {
    setSlotRequest(null)
    setBookFormKey((k) => k + 1)
  }

  const dna = useDidNotAttend(() => {
    setOutcome(null)
    setVisitFor(null)
    setChangeFor(null)
    setNotice(null)
    resetBookForm()
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
      {riskPrompts.map((prompt) => (
        <div key={prompt.appointmentId} className="risk-prompt-saved">
          <Phq9RiskPrompt text={prompt.text} patientName={prompt.name} />
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => setRiskPrompts((current) => current.filter((p) => p.appointmentId !== prompt.appointmentId))}
          >
            Risk assessed for {prompt.name}: hide this prompt
          </button>
        </div>
      ))}
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
          slotRequest={slotRequest}
          onBooked={() => {
            setSlotRequest(null)
            changed()
          }}
        />
      )}
      {dna.feedback}
      <FocusWhenShown token={notice?.seq ?? null}>
        {notice && (
          <p className="alert alert-success" role="status">
            {notice.text}
          </p>
        )}
      </FocusWhenShown>
      {/* The visit form closes on save: what was saved takes its place in view, with focus. */}
      <FocusWhenShown token={outcome?.appointmentId ?? null}>
        {outcome && <VisitOutcome name={outcome.name} appointmentId={outcome.appointmentId} result={outcome.result} />}
      </FocusWhenShown>
      {outcome?.result.status === 'attended' && outcome.result.followUpDue && clinic && (
        <FollowUpBooking
          key={`${outcome.nhsNumber}-${outcome.result.followUpDue}`}
          idPrefix={`clinic-${clinicId}`}
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
          confirmingDna={dna.confirming}
          onBook={(slotIndex) => setSlotRequest((last) => ({ slotIndex, seq: (last?.seq ?? 0) + 1 }))}
          onRecordVisit={(appointment) => {
            setOutcome(null)
            setChangeFor(null)
            dna.clear()
            setVisitFor(appointment)
          }}
          onAskDidNotAttend={(appointment) => dna.ask(appointment.appointmentId)}
          onConfirmDidNotAttend={(appointment, start) => dna.mark({ appointmentId: appointment.appointmentId, name: appointment.name, start })}
          onCancelDidNotAttend={dna.cancel}
          onUndoDidNotAttend={(appointment, start) => dna.undo({ appointmentId: appointment.appointmentId, name: appointment.name, start })}
          onChange={(appointment) => {
            setNotice(null)
            setVisitFor(null)
            dna.clear()
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
            setNotice((last) => ({ text: message, seq: (last?.seq ?? 0) + 1 }))
            setChangeFor(null)
            resetBookForm()
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
            setOutcome({ name: visitFor.name, nhsNumber: visitFor.nhsNumber, appointmentId: visitFor.appointmentId, result })
            const text = result.visit?.riskPromptText
            if (text) setRiskPrompts((current) => [...current, { appointmentId: visitFor.appointmentId, name: visitFor.name, text }])
            setVisitFor(null)
            resetBookForm()
            changed()
          }}
        />
      )}
    </Card>
  )
}
